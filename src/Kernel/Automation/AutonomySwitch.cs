using System.Text.Json;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using Npgsql;

namespace LiveShop.Kernel.Automation;

/// <summary>Whether automation may act on its own, who last changed it and when.</summary>
public sealed record AutonomyStatus(bool On, string? ChangedBy, DateTimeOffset? ChangedAt);

/// <summary>What a request to change the switch did: refused (with the reason), unchanged, or changed.</summary>
public sealed record AutonomyChange(bool Succeeded, bool Changed, AutonomyStatus Status, string Message);

/// <summary>
/// The kill switch (table <c>autonomy_state</c>, one row). While autonomy is off, the verifier turns every
/// <c>automation:</c> request that would be allowed into one waiting for the founder (invariant <c>autonomy_off</c>, L3),
/// so automation keeps proposing but nothing it asks for runs unattended. Only an enabled founder may change it; each
/// change is appended as <c>AutonomyChanged</c> in the same transaction as the row.
/// </summary>
public sealed class AutonomySwitch(NpgsqlDataSource dataSource, EventStore events, UserDirectory users, TimeProvider time)
{
    /// <summary>The role allowed to change the switch.</summary>
    public const string FounderRole = "founder";

    /// <summary>Whether automation may act without approval (true when the row is missing: nothing turned it off).</summary>
    public async Task<bool> IsOnAsync(CancellationToken cancellationToken = default) => (await GetAsync(cancellationToken)).On;

    /// <summary>The switch as stored.</summary>
    public async Task<AutonomyStatus> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT autonomy_on, changed_by, changed_at FROM autonomy_state WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return new AutonomyStatus(true, null, null);
        return new AutonomyStatus(reader.GetBoolean(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }

    /// <summary>Turns autonomy on or off as <paramref name="founderEmail"/>; refused unless that is an enabled founder.</summary>
    public async Task<AutonomyChange> SetAsync(bool on, string founderEmail, CancellationToken cancellationToken = default)
    {
        var user = await users.FindAsync(founderEmail, cancellationToken);
        if (user is null || user.Disabled || user.Role != FounderRole)
            return new AutonomyChange(false, false, await GetAsync(cancellationToken),
                $"only the founder may turn autonomy {(on ? "on" : "off")}; {founderEmail} is not an enabled founder");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var ensure = new NpgsqlCommand(
            "INSERT INTO autonomy_state (id, autonomy_on, version) VALUES (1, true, 0) ON CONFLICT (id) DO NOTHING", connection, transaction))
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        bool was;
        long version;
        await using (var read = new NpgsqlCommand("SELECT autonomy_on, version FROM autonomy_state WHERE id = 1 FOR UPDATE", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (was, version) = (reader.GetBoolean(0), reader.GetInt64(1));
        }
        if (was == on)
        {
            await transaction.CommitAsync(cancellationToken);
            var current = await GetAsync(cancellationToken);
            return new AutonomyChange(true, false, current, $"autonomy is already {(on ? "on" : "off")}");
        }

        var now = time.GetUtcNow();
        await using (var update = new NpgsqlCommand(
            "UPDATE autonomy_state SET autonomy_on = @on, version = @version, changed_by = @by, changed_at = @at WHERE id = 1", connection, transaction))
        {
            update.Parameters.AddWithValue("on", on);
            update.Parameters.AddWithValue("version", version + 1);
            update.Parameters.AddWithValue("by", user.Email);
            update.Parameters.AddWithValue("at", now);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        // The row lock makes this the only append for this change, so a fresh id is enough.
        var data = JsonSerializer.SerializeToElement(new { On = on, Previous = was, ChangedBy = user.Email, Version = version + 1 }, JsonDefaults.Options);
        await events.AppendAsync([new NewEvent(Guid.NewGuid(), "AutonomyChanged", now, PlatformEvents.Source, data)],
            transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AutonomyChange(true, true, new AutonomyStatus(on, user.Email, now),
            on ? "autonomy is on: automated actions run when the verifier allows them"
               : "autonomy is off: every automated action now waits for the founder's approval");
    }
}
