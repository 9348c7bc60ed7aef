using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Proofs;

namespace LiveShop.Kernel.Verification.Commands;

/// <summary>
/// The core of <c>./liveshop verify --action PACKET [--state SNAPSHOT] [--policy POLICY]</c>: prints one signed verdict
/// on stdout and returns 0 allow / 10 require_approval / 20 deny, or 2 with <c>{"error": …}</c> on stderr for invalid input.
/// Never throws on bad input.
/// </summary>
public sealed class VerifyCommandRunner
{
    private readonly ProofSigner _signer;
    private readonly TimeProvider _time;
    private readonly IFactsProvider? _liveFacts;

    /// <summary>Creates the runner; <paramref name="liveFacts"/> answers when no <c>--state</c> file is given.</summary>
    public VerifyCommandRunner(ProofSigner signer, TimeProvider time, IFactsProvider? liveFacts = null)
    {
        _signer = signer;
        _time = time;
        _liveFacts = liveFacts;
    }

    /// <summary>The policy in force (an adopted version) to apply when no policy file is given; null means the default policy.</summary>
    public BusinessPolicy? PolicyInForce { get; init; }

    /// <summary>Synchronous form of <see cref="RunAsync"/> for callers without an async context.</summary>
    public int Run(string actionPath, string? statePath, string? policyPath, TextWriter stdout, TextWriter stderr) =>
        RunAsync(actionPath, statePath, policyPath, stdout, stderr, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Verifies the packet file against the state file (or live facts) and the policy file (or the default policy).</summary>
    public async Task<int> RunAsync(
        string actionPath, string? statePath, string? policyPath, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            var packet = ActionPacketReader.ReadFile(actionPath);
            var policy = policyPath is null ? PolicyInForce ?? PolicyLoader.LoadDefault() : PolicyLoader.LoadFile(policyPath);
            BusinessFacts facts;
            if (statePath is not null)
                facts = BusinessFacts.From(StateSnapshotReader.ReadFile(statePath));
            else if (_liveFacts is not null)
                facts = await _liveFacts.GetFactsAsync(packet, cancellationToken);
            else
                return CommandOutput.Error(stderr, VerifyExitCodes.InvalidInput, "no live facts are available here; pass --state SNAPSHOT.json");

            var verdict = _signer.Sign(Verifier.Evaluate(policy, facts, packet, _time.GetUtcNow()));
            CommandOutput.Json(stdout, verdict);
            return VerifyExitCodes.For(verdict.Decision);
        }
        catch (InvalidInputException e)
        {
            return CommandOutput.Error(stderr, VerifyExitCodes.InvalidInput, e.Message);
        }
        catch (PolicyException e)
        {
            return CommandOutput.Error(stderr, VerifyExitCodes.InvalidInput, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CommandOutput.Error(stderr, VerifyExitCodes.Failure, "cancelled");
        }
        catch (Exception e)
        {
            // Not the caller's input: the facts store or the machine failed. Still one JSON error, never a stack trace.
            return CommandOutput.Error(stderr, VerifyExitCodes.Failure, $"verification failed: {e.Message}");
        }
    }
}
