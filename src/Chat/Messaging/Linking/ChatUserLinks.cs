using System.Security.Cryptography;
using Npgsql;

namespace LiveShop.Chat.Messaging.Linking;

/// <summary>A product user as a chat surface sees them through a link.</summary>
public sealed record LinkedUser(string Email, string Role, bool Disabled);

/// <summary>What confirming a link code did.</summary>
public sealed record LinkConfirmation(bool Linked, string Message);

/// <summary>
/// Links chat accounts (a Slack user id, a Teams user id) to product users. The chat user asks for a one-time code;
/// the product user confirms it on the machine (<c>./liveshop link CODE --user EMAIL</c>), so nobody can claim a
/// product identity from chat alone.
/// </summary>
public sealed class ChatUserLinks(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>How long a code can be confirmed.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(15);

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Issues a new one-time code for the chat account.</summary>
    public async Task<string> CreateCodeAsync(string platform, string externalUserId, CancellationToken cancellationToken)
    {
        var code = $"{RandomNumberGenerator.GetString(Alphabet, 4)}-{RandomNumberGenerator.GetString(Alphabet, 4)}";
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            "INSERT INTO chat_link_codes (code, platform, external_user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.Add(new() { Value = code });
        command.Parameters.Add(new() { Value = platform });
        command.Parameters.Add(new() { Value = externalUserId });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = now + CodeLifetime });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return code;
    }

    /// <summary>Consumes a code and links its chat account to the enabled product user <paramref name="email"/>.</summary>
    public async Task<LinkConfirmation> ConfirmAsync(string code, string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? userEmail;
        await using (var user = new NpgsqlCommand("SELECT email FROM users WHERE lower(email) = lower($1) AND NOT disabled", connection, transaction))
        {
            user.Parameters.Add(new() { Value = email.Trim() });
            userEmail = await user.ExecuteScalarAsync(cancellationToken) as string;
        }
        if (userEmail is null) return new(false, $"no active user {email}");

        await using var consume = new NpgsqlCommand(
            "UPDATE chat_link_codes SET consumed_at = $2 WHERE code = $1 AND consumed_at IS NULL AND expires_at > $2 RETURNING platform, external_user_id",
            connection, transaction);
        consume.Parameters.Add(new() { Value = code.Trim().ToUpperInvariant() });
        consume.Parameters.Add(new() { Value = time.GetUtcNow() });
        string platform, externalUserId;
        await using (var reader = await consume.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return new(false, "unknown, used or expired code");
            platform = reader.GetString(0);
            externalUserId = reader.GetString(1);
        }
        await using (var link = new NpgsqlCommand("""
            INSERT INTO chat_user_links (platform, external_user_id, user_email, linked_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (platform, external_user_id) DO UPDATE SET user_email = EXCLUDED.user_email, linked_at = EXCLUDED.linked_at
            """, connection, transaction))
        {
            link.Parameters.Add(new() { Value = platform });
            link.Parameters.Add(new() { Value = externalUserId });
            link.Parameters.Add(new() { Value = userEmail });
            link.Parameters.Add(new() { Value = time.GetUtcNow() });
            await link.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new(true, $"{platform} user {externalUserId} is now linked to {userEmail}");
    }

    /// <summary>The product user linked to the chat account, or null when unlinked.</summary>
    public async Task<LinkedUser?> FindAsync(string platform, string externalUserId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT u.email, u.role, u.disabled FROM chat_user_links l JOIN users u ON lower(u.email) = lower(l.user_email)
            WHERE l.platform = $1 AND l.external_user_id = $2
            """);
        command.Parameters.Add(new() { Value = platform });
        command.Parameters.Add(new() { Value = externalUserId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new LinkedUser(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>Chat account ids on <paramref name="platform"/> of enabled users holding one of <paramref name="roles"/>.</summary>
    public async Task<IReadOnlyList<string>> ExternalIdsOfRolesAsync(string platform, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT l.external_user_id FROM chat_user_links l JOIN users u ON lower(u.email) = lower(l.user_email)
            WHERE l.platform = $1 AND u.role = ANY($2) AND NOT u.disabled ORDER BY l.linked_at
            """);
        command.Parameters.Add(new() { Value = platform });
        command.Parameters.Add(new() { Value = roles.ToArray() });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return ids;
    }
}
