using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace LiveShop.Memory.Events.Checkpoints;

/// <summary>
/// A signed statement of the event chain's head: "at <see cref="WrittenAt"/> the chain ended at <see cref="Sequence"/>
/// with hash <see cref="Hash"/>". The HMAC key lives outside the database, so whoever can rewrite the database can
/// neither forge a checkpoint nor make a deleted tail or a rewritten chain match the newest one.
/// </summary>
public sealed record ChainCheckpoint(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("written_at")] DateTimeOffset WrittenAt,
    [property: JsonPropertyName("signature")] string Signature)
{
    /// <summary>A checkpoint of the head <paramref name="sequence"/>/<paramref name="hash"/> signed with <paramref name="key"/>.</summary>
    public static ChainCheckpoint Sign(long sequence, string hash, DateTimeOffset writtenAt, byte[] key)
    {
        writtenAt = writtenAt.ToUniversalTime();
        return new ChainCheckpoint(sequence, hash, writtenAt, Convert.ToBase64String(Mac(sequence, hash, writtenAt, key)));
    }

    /// <summary>True when the signature is the key's HMAC of this checkpoint's sequence, hash and time (constant-time comparison).</summary>
    public bool IsSignedWith(byte[] key)
    {
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        return Convert.TryFromBase64String(Signature, given, out var length)
               && length == HMACSHA256.HashSizeInBytes
               && CryptographicOperations.FixedTimeEquals(given, Mac(Sequence, Hash, WrittenAt, key));
    }

    // One line per field, so no field can be shifted into another; the time in one fixed format.
    private static byte[] Mac(long sequence, string hash, DateTimeOffset writtenAt, byte[] key) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"liveshop-chain-checkpoint/v1\n{sequence}\n{hash}\n{writtenAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}")));
}
