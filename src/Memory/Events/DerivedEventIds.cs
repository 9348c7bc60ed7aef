using System.Security.Cryptography;
using System.Text;

namespace LiveShop.Memory.Events;

/// <summary>
/// Event ids the platform derives from what an event records (<c>"{action id}:ActionApplied"</c>), so an event written
/// twice for the same fact is stored once. Derived ids are UUID version 8, a namespace of their own: <c>POST /api/events</c>
/// refuses version-8 ids, so nothing sent from outside can occupy an id the platform will derive later.
/// </summary>
public static class DerivedEventIds
{
    /// <summary>The UUID version every derived id carries.</summary>
    public const int Version = 8;

    /// <summary>SQL condition (on <c>event_id</c>) that holds for derived ids only, so readers can take platform-written rows alone.</summary>
    public const string SqlCondition = "substr(event_id::text, 15, 1) = '8'";

    /// <summary>The derived id for <paramref name="name"/>: SHA-256 of its UTF-8 bytes, marked as version 8 with the RFC 9562 variant.</summary>
    public static Guid For(string name)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        // Guid's byte order keeps the version in the high nibble of byte 7 and the variant in the top bits of byte 8;
        // bytes 0–5 (what short ids taken from a derived id print first) stay the hash's.
        hash[7] = (byte)((hash[7] & 0x0F) | (Version << 4));
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }

    /// <summary>True when <paramref name="id"/> lies in the derived namespace (only the platform may write such ids).</summary>
    public static bool IsDerived(Guid id) => id.Version == Version;
}
