using Npgsql;

namespace LiveShop.Kernel.Approvals;

/// <summary>Looks up the product's users by email, as principals the approval rules understand.</summary>
public sealed class UserDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>The user with this email (case-insensitive), or null when there is none.</summary>
    public async Task<Principal?> FindAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        await using var command = dataSource.CreateCommand("SELECT email, role, disabled FROM users WHERE lower(email) = lower($1)");
        command.Parameters.Add(new() { Value = email.Trim() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Principal(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2))
            : null;
    }
}
