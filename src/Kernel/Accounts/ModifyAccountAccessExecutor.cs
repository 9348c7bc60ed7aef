using System.Text.Json;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Kernel.Accounts;

/// <summary>
/// <see cref="ModifyAccountAccessAction"/>: gives a user another role, or disables / re-enables them, and renews their security
/// stamp so every existing sign-in of theirs ends. Never leaves the business without an enabled founder. Undone by
/// restoring the previous role and disabled state.
/// </summary>
public sealed class ModifyAccountAccessExecutor(
    NpgsqlDataSource dataSource, EventStore events, TimeProvider time, IEnumerable<IAccessChangeListener>? listeners = null) : IActionExecutor
{
    // Serialises access changes, so two concurrent demotions cannot both see "another founder is left".
    private const long AccessLockKey = 0x4C53_4143_4345_5353; // "LSACCESS"

    /// <inheritdoc />
    public string Action => ModifyAccountAccessAction.ActionName;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ExecutionReceipts.LockAndFindAsync(transaction, packet.ActionId, cancellationToken) is { } applied) return applied;
        await using (var lockAccess = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockAccess.Parameters.Add(new() { Value = AccessLockKey });
            await lockAccess.ExecuteNonQueryAsync(cancellationToken);
        }

        var email = ActionParameters.TryGetText(packet.Parameters, "user", out var given) ? given.Trim() : "";
        var user = await FindAsync(connection, transaction, email, cancellationToken)
            ?? throw new InvalidOperationException($"there is no user '{email}'; nothing was changed");
        var role = ActionParameters.TryGetText(packet.Parameters, "role", out var newRole) ? newRole.Trim().ToLowerInvariant() : user.Role;
        var disabled = ActionParameters.TryGetFlag(packet.Parameters, "disabled", out var d) ? d : user.Disabled;
        if (role == user.Role && disabled == user.Disabled)
            throw new InvalidOperationException($"{user.Email} is already {Describe(user.Role, user.Disabled)}; nothing was changed");
        if (user.Role == "founder" && !user.Disabled && (role != "founder" || disabled)
            && await OtherEnabledFoundersAsync(connection, transaction, user.Email, cancellationToken) == 0)
            throw new InvalidOperationException(
                $"{user.Email} is the last enabled founder; make another user founder first (the business would have nobody to approve L3 actions); nothing was changed");

        await using (var update = new NpgsqlCommand(
            "UPDATE users SET role = $2, disabled = $3, security_stamp = $4 WHERE email = $1", connection, transaction))
        {
            update.Parameters.Add(new() { Value = user.Email });
            update.Parameters.Add(new() { Value = role });
            update.Parameters.Add(new() { Value = disabled });
            // A new stamp ends the user's existing sign-ins (cookies carry the stamp they were issued with).
            update.Parameters.Add(new() { Value = Guid.NewGuid().ToString("N") });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        ActionParameters.TryGetText(packet.Parameters, "reason", out var reason);
        var by = packet.OnBehalfOf ?? packet.RequestedBy ?? "unknown";
        var result = new ExecutionResult
        {
            ConnectorReference = $"user:{user.Email}",
            Summary = $"{user.Email}: {Describe(user.Role, user.Disabled)} → {Describe(role, disabled)}; their existing sign-ins end",
            Details = JsonSerializer.SerializeToElement(new { User = user.Email, FromRole = user.Role, ToRole = role, FromDisabled = user.Disabled, ToDisabled = disabled }, JsonDefaults.Options),
            Inverse = new ActionInverse(ModifyAccountAccessAction.ActionName, JsonSerializer.SerializeToElement(
                role != user.Role
                    ? new { User = user.Email, Role = (string?)user.Role, Disabled = (bool?)null, Reason = $"undo of access change {packet.ActionId}" }
                    : new { User = user.Email, Role = (string?)null, Disabled = (bool?)user.Disabled, Reason = $"undo of access change {packet.ActionId}" },
                JsonDefaults.Options)),
        };
        await events.AppendAsync(
        [
            new NewEvent(ActionHashes.StableId($"{packet.ActionId}:AccountAccessChanged"), "AccountAccessChanged", now, PlatformEvents.Source,
                JsonSerializer.SerializeToElement(new
                {
                    User = user.Email, packet.ActionId, ChangedBy = by, FromRole = user.Role, ToRole = role,
                    FromDisabled = user.Disabled, ToDisabled = disabled, Reason = string.IsNullOrWhiteSpace(reason) ? null : reason,
                }, JsonDefaults.Options)),
            ExecutionReceipts.Receipt(packet.ActionId, result, now, PlatformEvents.Source),
        ], transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var listener in listeners ?? []) listener.AccessChanged(user.Email);
        return result;
    }

    private static string Describe(string role, bool disabled) => disabled ? $"{role} (disabled)" : role;

    private sealed record Account(string Email, string Role, bool Disabled);

    private static async Task<Account?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string email, CancellationToken cancellationToken)
    {
        if (email.Length == 0) return null;
        await using var command = new NpgsqlCommand("SELECT email, role, disabled FROM users WHERE lower(email) = lower($1) FOR UPDATE", connection, transaction);
        command.Parameters.Add(new() { Value = email });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Account(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)) : null;
    }

    private static async Task<long> OtherEnabledFoundersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string email, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM users WHERE role = 'founder' AND NOT disabled AND email <> $1", connection, transaction);
        command.Parameters.Add(new() { Value = email });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
