using System.Text.Json;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Verification.Commands;

/// <summary>
/// The core of <c>./liveshop proof check VERDICT [--action PACKET]</c>: checks a verdict's signature and freshness offline
/// (and, with a packet, that it speaks of that action). Exit 0 valid, 20 invalid or expired, 2 unreadable input.
/// </summary>
public sealed class ProofCheckRunner
{
    private readonly ProofSigner _signer;

    /// <summary>Creates the runner with the signer holding this installation's key.</summary>
    public ProofCheckRunner(ProofSigner signer) => _signer = signer;

    /// <summary>Checks the verdict file; prints <c>{"valid": …, "status": …, "message": …}</c> on stdout.</summary>
    public int Run(string verdictPath, string? actionPath, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var verdict = ReadVerdict(verdictPath);
            var packet = actionPath is null ? null : ActionPacketReader.ReadFile(actionPath);
            var check = _signer.Verify(verdict, packet);
            CommandOutput.Json(stdout, new
            {
                valid = check.IsValid,
                status = check.Status,
                message = check.Message,
                action_id = verdict.ActionId,
                decision = verdict.Decision,
            });
            return check.IsValid ? VerifyExitCodes.Allow : VerifyExitCodes.Deny;
        }
        catch (InvalidInputException e)
        {
            return CommandOutput.Error(stderr, VerifyExitCodes.InvalidInput, e.Message);
        }
    }

    /// <summary>Reads a verdict JSON file; defects become <see cref="InvalidInputException"/>.</summary>
    public static Verdict ReadVerdict(string path)
    {
        var json = InputFiles.ReadText(path, "verdict");
        if (string.IsNullOrWhiteSpace(json))
            throw new InvalidInputException($"{path}: the verdict is empty");
        try
        {
            return JsonSerializer.Deserialize<Verdict>(json, JsonDefaults.Options) is { Proof: not null } verdict
                ? verdict
                : throw new InvalidInputException($"{path}: the verdict must be a JSON object with a proof");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(
                $"{path}: invalid verdict at {StateSnapshotReader.FieldOf(e.Path)}: {StateSnapshotReader.FirstSentence(e.Message)}", e);
        }
    }
}
