using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Memory.Serialization;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Chat.Cli;

/// <summary><c>policy show|history</c>: the policy in force (adopted through <see cref="ChangePolicyAction"/>, else the file) and every change.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var policy = new Command("policy", "Show the business policy in force and the history of its changes.");

        var yaml = new Option<bool>("--yaml") { Description = "Print the whole policy document as YAML instead of a JSON summary" };
        var show = new Command("show", "The policy in force: its version, where it comes from and its settings.") { yaml };
        show.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var services = host.Services;
            var policies = services.GetRequiredService<PolicyInForce>();
            await policies.RefreshAsync(cancellationToken);
            var current = policies.Current;
            if (result.GetValue(yaml))
            {
                result.Out().Write(PolicyDocument.ToYaml(current));
                return 0;
            }
            var adopted = !ReferenceEquals(current, policies.Initial);
            result.Out().WriteLine(JsonSerializer.Serialize(new
            {
                current.Version,
                Source = adopted ? $"adopted through {ChangePolicyAction.ActionName} (policy_versions)" : VerificationSetup.PolicyPath(configuration) ?? "embedded default policy",
                InitialVersion = policies.Initial.Version,
                Settings = PolicyDocument.ToTree(current),
            }, JsonDefaults.Options));
            return 0;
        });

        var history = new Command("history", "Every adopted change, oldest first: version, previous version, who, when, which settings.");
        history.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            var adoptions = await new AdoptedPolicies(dataSource).HistoryAsync(cancellationToken);
            result.Out().WriteLine(JsonSerializer.Serialize(new
            {
                InitialVersion = VerificationSetup.LoadPolicy(configuration).Version,
                Changes = adoptions,
            }, JsonDefaults.Options));
            return 0;
        });

        policy.Add(show);
        policy.Add(history);
        return policy;
    }
}
