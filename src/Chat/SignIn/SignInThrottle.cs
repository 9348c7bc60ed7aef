using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LiveShop.Chat.SignIn;

/// <summary>
/// Counts failed sign-ins per account and per client address in the database (so every host sharing it agrees) and
/// refuses sign-in — even with the right password — while either is locked. An unknown email is counted like a known
/// one, so a lockout reveals nothing about which accounts exist. Time comes from the injected clock.
/// </summary>
public sealed class SignInThrottle(NpgsqlDataSource dataSource, TimeProvider time, SignInThrottleOptions options)
{
    /// <summary>How long sign-in stays refused for this account or client; null when it is not locked.</summary>
    public async Task<TimeSpan?> LockedForAsync(string email, IPAddress? client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("SELECT max(locked_until) FROM sign_in_throttles WHERE key = ANY($1) AND locked_until > $2");
        command.Parameters.AddWithValue(Keys(email, client).Select(k => k.Key).ToArray());
        command.Parameters.AddWithValue(now);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime lockedUntil ? new DateTimeOffset(lockedUntil, TimeSpan.Zero) - now : null;
    }

    /// <summary>Counts a failed sign-in; returns how long sign-in is now refused when this failure locked the account or client.</summary>
    public async Task<TimeSpan?> FailedAsync(string email, IPAddress? client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var batch = dataSource.CreateBatch();
        foreach (var (key, limit) in Keys(email, client))
        {
            // One atomic upsert per key: concurrent failures on several hosts all count. A window older than
            // options.Window starts again at this failure.
            var command = new NpgsqlBatchCommand("""
                INSERT INTO sign_in_throttles AS t (key, failures, window_started_at, locked_until)
                VALUES ($1, 1, $2, CASE WHEN $3 <= 1 THEN $2 + $4 END)
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN t.window_started_at <= $2 - $5 THEN 1 ELSE t.failures + 1 END,
                    window_started_at = CASE WHEN t.window_started_at <= $2 - $5 THEN $2 ELSE t.window_started_at END,
                    locked_until = CASE WHEN (CASE WHEN t.window_started_at <= $2 - $5 THEN 1 ELSE t.failures + 1 END) >= $3
                                        THEN $2 + $4 ELSE t.locked_until END
                RETURNING locked_until
                """);
            command.Parameters.AddWithValue(key);
            command.Parameters.AddWithValue(now);
            command.Parameters.AddWithValue(limit);
            command.Parameters.AddWithValue(options.Lockout);
            command.Parameters.AddWithValue(options.Window);
            batch.BatchCommands.Add(command);
        }
        // Forget windows that ended without a lockout still in force, so the table stays as small as the attack.
        var forget = new NpgsqlBatchCommand("DELETE FROM sign_in_throttles WHERE window_started_at <= $1 - $2 AND (locked_until IS NULL OR locked_until <= $1)");
        forget.Parameters.AddWithValue(now);
        forget.Parameters.AddWithValue(options.Window);
        batch.BatchCommands.Add(forget);

        DateTimeOffset? lockedUntil = null;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
                if (!reader.IsDBNull(0) && reader.GetFieldValue<DateTimeOffset>(0) is var until && until > now && (lockedUntil is null || until > lockedUntil))
                    lockedUntil = until;
        } while (await reader.NextResultAsync(cancellationToken));
        return lockedUntil - now;
    }

    /// <summary>A successful sign-in clears the account's failures (not the client's: one good account must not reset guessing at others).</summary>
    public async Task SucceededAsync(string email, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sign_in_throttles WHERE key = $1");
        command.Parameters.AddWithValue(AccountKey(email));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private IEnumerable<(string Key, int Limit)> Keys(string email, IPAddress? client)
    {
        yield return (AccountKey(email), options.AccountFailures);
        if (client is not null) yield return (ClientKey(client), options.ClientFailures);
    }

    private static string AccountKey(string email) => "account:" + email.Trim().ToLowerInvariant();

    // An IPv6 client usually holds a whole /64, so it is counted as one.
    private static string ClientKey(IPAddress client)
    {
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        if (client.AddressFamily != AddressFamily.InterNetworkV6) return "client:" + client;
        var bytes = client.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"client:{new IPAddress(bytes)}/64";
    }
}
