using System.Collections.Concurrent;
using System.Security.Cryptography;
using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Chat.SignIn;

/// <summary>
/// API keys the database confirmed a moment ago, keyed by the SHA-256 of the key (never the key itself), so a busy
/// caller is not looked up on every request. An entry lives for a bounded time, after which the database is asked again.
/// </summary>
internal sealed class ValidatedApiKeyCache(TimeProvider time, TimeSpan lifetime)
{
    // Enough for every key a shop uses; past it the cache starts over rather than grow on many distinct keys.
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _revocations;

    private sealed record Entry(Guid KeyId, byte[] KeyHash, User User, long ValidUntil);

    /// <summary>Whether caching is on (a positive lifetime).</summary>
    public bool Enabled => lifetime > TimeSpan.Zero;

    /// <summary>The user of a key confirmed within the lifetime, else null.</summary>
    public User? Find(byte[] keyHash)
    {
        if (!Enabled || !_entries.TryGetValue(Convert.ToHexString(keyHash), out var entry)) return null;
        if (time.GetTimestamp() >= entry.ValidUntil || !CryptographicOperations.FixedTimeEquals(entry.KeyHash, keyHash)) return null;
        return entry.User;
    }

    /// <summary>Taken before reading the database, so a confirmation that raced a revocation is not remembered.</summary>
    public long RevocationMark => Interlocked.Read(ref _revocations);

    /// <summary>Remembers a key the database confirmed, unless a key was revoked here since <paramref name="mark"/>.</summary>
    public void Remember(Guid keyId, byte[] keyHash, User user, long mark)
    {
        if (!Enabled || mark != RevocationMark) return;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        var validUntil = time.GetTimestamp() + (long)(lifetime.TotalSeconds * time.TimestampFrequency);
        _entries[Convert.ToHexString(keyHash)] = new Entry(keyId, keyHash, user, validUntil);
    }

    /// <summary>Forgets a key at once (it was revoked here).</summary>
    public void Forget(Guid keyId)
    {
        Interlocked.Increment(ref _revocations);
        foreach (var (hash, entry) in _entries)
            if (entry.KeyId == keyId) _entries.TryRemove(hash, out _);
    }

    /// <summary>Forgets every key of a user at once (their role changed or they were disabled here).</summary>
    public void ForgetUser(string email)
    {
        Interlocked.Increment(ref _revocations);
        foreach (var (hash, entry) in _entries)
            if (string.Equals(entry.User.Email, email, StringComparison.OrdinalIgnoreCase)) _entries.TryRemove(hash, out _);
    }
}
