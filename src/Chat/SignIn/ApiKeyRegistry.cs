using System.Security.Cryptography;
using System.Text;
using LiveShop.Kernel.Accounts;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.SignIn;

/// <summary>
/// Creates, lists, revokes and checks API keys (<c>lsk_…</c>); only their SHA-256 hashes are stored. A key the database
/// confirmed is trusted for <paramref name="cacheLifetime"/> without asking again (zero: ask every time), so a key revoked
/// or a user disabled by another process stops working within that time; a revocation or an access change in this host is immediate.
/// </summary>
public sealed class ApiKeyRegistry(Func<LiveShopDbContext> createContext, TimeProvider time, TimeSpan cacheLifetime = default) : IAccessChangeListener
{
    private readonly ValidatedApiKeyCache _validated = new(time, cacheLifetime);

    /// <summary>How every key starts.</summary>
    public const string KeyPrefix = "lsk_";
    private const int LookupLength = 12;

    /// <summary>A key as listed: never the key itself.</summary>
    public sealed record KeyInfo(Guid Id, string Email, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    /// <summary>Creates a key for the user and returns it (the only time it is ever shown); null when there is no such enabled user.</summary>
    public async Task<(KeyInfo Info, string Key)?> CreateAsync(string email, string name, CancellationToken cancellationToken)
    {
        await using var context = createContext();
        var user = await context.Users.SingleOrDefaultAsync(u => u.Email.ToLower() == email.Trim().ToLower() && !u.Disabled, cancellationToken);
        if (user is null) return null;
        var key = KeyPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = new ApiKey
        {
            Id = Guid.NewGuid(), UserId = user.Id, Name = name, Prefix = key[..LookupLength], KeyHash = Hash(key), CreatedAt = time.GetUtcNow(),
        };
        context.ApiKeys.Add(row);
        await context.SaveChangesAsync(cancellationToken);
        return (new KeyInfo(row.Id, user.Email, row.Name, row.Prefix, row.CreatedAt, null, null), key);
    }

    /// <summary>Every key, newest first, optionally only one user's.</summary>
    public async Task<IReadOnlyList<KeyInfo>> ListAsync(string? email, CancellationToken cancellationToken)
    {
        await using var context = createContext();
        var query = from k in context.ApiKeys join u in context.Users on k.UserId equals u.Id select new { k, u.Email };
        if (!string.IsNullOrWhiteSpace(email)) query = query.Where(r => r.Email.ToLower() == email.Trim().ToLower());
        return (await query.OrderByDescending(r => r.k.CreatedAt).ToListAsync(cancellationToken))
            .Select(r => new KeyInfo(r.k.Id, r.Email, r.k.Name, r.k.Prefix, r.k.CreatedAt, r.k.LastUsedAt, r.k.RevokedAt)).ToList();
    }

    /// <inheritdoc />
    public void AccessChanged(string email) => _validated.ForgetUser(email);

    /// <summary>Revokes a key; false when there is no such key or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = createContext();
        var now = time.GetUtcNow();
        var revoked = await context.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken) == 1;
        _validated.Forget(id);
        return revoked;
    }

    /// <summary>Revokes every unrevoked key of the user (e.g. with a password change); returns how many.</summary>
    public async Task<int> RevokeAllAsync(string email, CancellationToken cancellationToken)
    {
        await using var context = createContext();
        var now = time.GetUtcNow();
        var revoked = await context.ApiKeys
            .Where(k => k.RevokedAt == null && context.Users.Any(u => u.Id == k.UserId && u.Email.ToLower() == email.Trim().ToLower()))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        _validated.ForgetUser(email);
        return revoked;
    }

    /// <summary>The enabled user a valid, unrevoked key belongs to; null otherwise.</summary>
    public async Task<User?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal) || presented.Length < LookupLength + 8) return null;
        var hash = Hash(presented);
        if (_validated.Find(hash) is { } known) return known;
        var mark = _validated.RevocationMark;
        await using var context = createContext();
        var prefix = presented[..LookupLength];
        var match = await (from k in context.ApiKeys
                           join u in context.Users on k.UserId equals u.Id
                           where k.Prefix == prefix && k.RevokedAt == null && !u.Disabled
                           select new { k.Id, k.KeyHash, k.LastUsedAt, User = u }).SingleOrDefaultAsync(cancellationToken);
        // The prefix only finds the row; the whole key must match, compared in constant time.
        if (match is null || !CryptographicOperations.FixedTimeEquals(match.KeyHash, hash)) return null;
        // "Last used" to the minute is enough, and spares a write on every request.
        var now = time.GetUtcNow();
        if (match.LastUsedAt is null || now - match.LastUsedAt > TimeSpan.FromMinutes(1))
            await context.ApiKeys.Where(k => k.Id == match.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        _validated.Remember(match.Id, hash, match.User, mark);
        return match.User;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
