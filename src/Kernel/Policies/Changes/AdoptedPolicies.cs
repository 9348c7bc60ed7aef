using System.Text.Json;
using LiveShop.Memory.Events;
using Npgsql;

namespace LiveShop.Kernel.Policies.Changes;

/// <summary>One adoption of a policy version, as <c>./liveshop policy history</c> lists it (from the <c>PolicyChanged</c> events).</summary>
public sealed record PolicyAdoption(string Version, string PreviousVersion, string ActionId, string AdoptedBy, DateTimeOffset AdoptedAt,
    IReadOnlyList<SettingChange> Changes, string? Reason);

/// <summary>The <c>policy_versions</c> table: the newest row is the policy in force; every change is also a <c>PolicyChanged</c> event.</summary>
public sealed class AdoptedPolicies(NpgsqlDataSource dataSource) : IAdoptedPolicySource
{
    /// <inheritdoc />
    public async Task<AdoptedPolicyText?> NewestAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version, yaml FROM policy_versions ORDER BY adopted_at DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AdoptedPolicyText(reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Every adoption, oldest first (a version adopted again, e.g. by an undo, appears each time).</summary>
    public async Task<IReadOnlyList<PolicyAdoption>> HistoryAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            // Adoptions are what the policy-change executor wrote: platform rows under derived ids, never an ingested event.
            $"SELECT data::text, occurred_at FROM business_events WHERE type = 'PolicyChanged' AND {DerivedEventIds.SqlCondition} ORDER BY sequence");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new List<PolicyAdoption>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var document = JsonDocument.Parse(reader.GetString(0));
            var data = document.RootElement;
            var changes = data.GetProperty("changes").EnumerateArray()
                .Select(c => new SettingChange(c.GetProperty("path").GetString()!, c.GetProperty("from").Clone(), c.GetProperty("to").Clone())).ToList();
            history.Add(new PolicyAdoption(
                data.GetProperty("version").GetString()!, data.GetProperty("previous_version").GetString()!, data.GetProperty("action_id").GetString()!,
                data.GetProperty("adopted_by").GetString()!, reader.GetFieldValue<DateTimeOffset>(1), changes,
                data.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null));
        }
        return history;
    }
}
