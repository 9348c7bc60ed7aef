using System.Security.Cryptography;
using System.Text.Json;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Verification.Proofs;

/// <summary>Why a proof was accepted or refused.</summary>
public enum ProofStatus
{
    Valid,
    Unsigned,
    BadSignature,
    Expired,
    NotYetValid,
    WrongAction,
    WrongParameters,
    WrongActionId,
}

/// <summary>The outcome of checking a proof.</summary>
/// <param name="Status">Valid, or the first reason it is not.</param>
/// <param name="Message">A sentence for people and logs.</param>
public sealed record ProofCheck(ProofStatus Status, string Message)
{
    /// <summary>Whether the proof may be acted on.</summary>
    public bool IsValid => Status == ProofStatus.Valid;
}

/// <summary>
/// Signs verdicts with HMAC-SHA256 over their canonical JSON (signature field left out) and checks them again:
/// signature in constant time, freshness against <see cref="TimeProvider"/>, and the binding to the exact action.
/// </summary>
public sealed class ProofSigner
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer; the key should be at least 32 random bytes (see <see cref="ProofKeyStore"/>).</summary>
    public ProofSigner(byte[] key, TimeProvider time)
    {
        if (key.Length < 16) throw new ArgumentException("a proof signing key needs at least 16 bytes", nameof(key));
        _key = key.ToArray();
        _time = time;
    }

    /// <summary>The verdict with <see cref="Proof.Signature"/> set.</summary>
    public Verdict Sign(Verdict verdict) =>
        verdict with { Proof = verdict.Proof with { Signature = Convert.ToBase64String(ComputeSignature(verdict)) } };

    /// <summary>
    /// Checks signature and expiry; with <paramref name="packet"/>, also that the proof speaks of that exact action
    /// (action id, action name and canonical parameters).
    /// </summary>
    public ProofCheck Verify(Verdict verdict, ActionPacket? packet = null)
    {
        if (SignatureProblem(verdict) is { } badSignature) return badSignature;

        var now = _time.GetUtcNow();
        if (now >= verdict.Proof.ExpiresAt)
            return new(ProofStatus.Expired, $"the proof expired at {verdict.Proof.ExpiresAt.UtcDateTime:O}");
        // A little skew between hosts is normal; a proof from the future is not.
        if (verdict.Proof.IssuedAt > now.AddMinutes(1))
            return new(ProofStatus.NotYetValid, $"the proof is issued in the future ({verdict.Proof.IssuedAt.UtcDateTime:O})");
        return BindingProblem(verdict, packet) ?? new(ProofStatus.Valid, "valid");
    }

    /// <summary>
    /// Checks a proof kept on record after its action ran: the signature and that it speaks of that exact action, but not
    /// its freshness (it was fresh when the gateway checked it; it has expired since, as every proof does).
    /// </summary>
    public ProofCheck VerifyRecorded(Verdict verdict, ActionPacket packet) =>
        SignatureProblem(verdict) ?? BindingProblem(verdict, packet) ?? new(ProofStatus.Valid, "valid");

    private ProofCheck? SignatureProblem(Verdict verdict)
    {
        if (string.IsNullOrEmpty(verdict.Proof.Signature))
            return new(ProofStatus.Unsigned, "the proof carries no signature");
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(verdict.Proof.Signature, given, out var written) || written != given.Length)
            return new(ProofStatus.BadSignature, "the signature is not a base64 HMAC-SHA256");
        return CryptographicOperations.FixedTimeEquals(given, ComputeSignature(verdict))
            ? null
            : new(ProofStatus.BadSignature, "the signature does not match the verdict");
    }

    private static ProofCheck? BindingProblem(Verdict verdict, ActionPacket? packet)
    {
        if (packet is not null)
        {
            if (!string.Equals(packet.ActionId, verdict.ActionId, StringComparison.Ordinal))
                return new(ProofStatus.WrongActionId, "the proof is for another action id");
            if (!string.Equals(packet.ProposedAction, verdict.Proof.Action, StringComparison.Ordinal))
                return new(ProofStatus.WrongAction, $"the proof is for {verdict.Proof.Action}, not {packet.ProposedAction}");
            if (!string.Equals(Verifier.HashParameters(packet.Parameters), verdict.Proof.ParametersHash, StringComparison.Ordinal))
                return new(ProofStatus.WrongParameters, "the proof is for other parameters");
        }
        return null;
    }

    /// <summary>The canonical bytes that are signed: the verdict without the signature.</summary>
    public static byte[] SignedContent(Verdict verdict)
    {
        var unsigned = verdict with { Proof = verdict.Proof with { Signature = null } };
        return CanonicalJson.ToUtf8Bytes(JsonSerializer.SerializeToElement(unsigned, JsonDefaults.Options));
    }

    private byte[] ComputeSignature(Verdict verdict) => HMACSHA256.HashData(_key, SignedContent(verdict));
}
