using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Kernel.Verification.Commands;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>verify --action PACKET [--state SNAPSHOT] [--policy POLICY]</c> (CONTRACTS.md §1): one signed verdict on stdout,
/// exit 0 allow / 10 require_approval / 20 deny / 2 invalid input. With <c>--state</c> the database is never touched.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var action = new Option<string>("--action") { Description = "The action packet (JSON file)", Required = true };
        var state = new Option<string?>("--state") { Description = "A state snapshot (JSON file); without it the live database answers" };
        var policy = new Option<string?>("--policy") { Description = "A policy file (YAML); default: the configured Policy:Path or policies/default.yaml" };
        var command = new Command("verify", "Verify an action packet against the policy and the facts; print the signed verdict.") { action, state, policy };
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            var stdout = result.Out();
            var stderr = result.Error();
            var policyPath = result.GetValue(policy) ?? VerificationSetup.PolicyPath(configuration);
            var statePath = result.GetValue(state);
            if (!TryCreateSigner(configuration, stderr, out var signer)) return VerifyExitCodes.Failure;
            if (statePath is not null)
                return await new VerifyCommandRunner(signer, TimeProvider.System)
                    .RunAsync(result.GetValue(action)!, statePath, policyPath, stdout, stderr, cancellationToken);

            try
            {
                await using var host = await CliHost.OpenAsync(configuration, stderr, cancellationToken);
                var dataSource = host.DataSource;
                // Without --policy the live store answers with the policy in force: the newest version adopted through the policy-change action.
                var adopted = result.GetValue(policy) is null ? await new AdoptedPolicies(dataSource).NewestAsync(cancellationToken) : null;
                var inForce = adopted is null ? null : PolicyLoader.Parse(adopted.Yaml, $"policy_versions:{adopted.Version}");
                var facts = new DatabaseFactsProvider(dataSource, TimeProvider.System, LiveFactsOptions.For(inForce ?? WindowsPolicy(policyPath)));
                return await new VerifyCommandRunner(signer, TimeProvider.System, facts) { PolicyInForce = inForce }
                    .RunAsync(result.GetValue(action)!, null, inForce is null ? policyPath : null, stdout, stderr, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Fail(stderr, $"the business database is not available: {e.Message}");
            }
        });
        return command;
    }

    // The policy only sizes the history windows here; a broken policy file is reported by the runner itself.
    private static BusinessPolicy WindowsPolicy(string? policyPath)
    {
        if (policyPath is null) return PolicyLoader.LoadDefault();
        try
        {
            return PolicyLoader.LoadFile(policyPath);
        }
        catch (PolicyException)
        {
            return PolicyLoader.LoadDefault();
        }
    }

    /// <summary>This installation's signer, or false after printing <c>{"error": …}</c> when the key is unusable.</summary>
    internal static bool TryCreateSigner(IConfiguration configuration, TextWriter stderr, [NotNullWhen(true)] out ProofSigner? signer)
    {
        try
        {
            signer = VerificationSetup.CreateSigner(configuration, TimeProvider.System);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            signer = null;
            Fail(stderr, $"the proof signing key is not usable: {e.Message}");
            return false;
        }
    }

    internal static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine(JsonSerializer.Serialize(new { error = message }, JsonDefaults.Options));
        return VerifyExitCodes.Failure;
    }
}
