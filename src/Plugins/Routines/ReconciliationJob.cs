using System.Text.Json;
using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using Npgsql;

namespace LiveShop.Plugins.Routines;

/// <summary>
/// Nightly reconciliation: each channel settlement received in the last 8 business days is checked against the shop's
/// own order-level detail — gross from the paid orders placed in the settlement's period, refunds processed in it for
/// that channel, less the fees the settlement states — and a payout that differs from that by more than a cent is
/// reported as <c>ReconciliationMismatch</c> (one event per settlement: the id is derived from it, so nightly reruns
/// add nothing).
/// </summary>
public sealed class ReconciliationJob(NpgsqlDataSource dataSource, EventStore events) : IBusinessJob
{
    /// <summary>The source of the mismatches this job reports.</summary>
    public const string Source = "liveshop.reconciliation";

    private static readonly TimeSpan Lookback = TimeSpan.FromDays(8);
    private const decimal Tolerance = 0.01m;

    /// <inheritdoc />
    public string Name => "reconciliation";

    /// <inheritdoc />
    public string DefaultCron => "0 0 2 * * ?";

    /// <inheritdoc />
    public string Description => "Nightly: checks each recent channel settlement against order-level detail and reports mismatches.";

    /// <inheritdoc />
    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        var checkedCount = 0;
        var mismatches = new List<NewEvent>();
        await using (var command = dataSource.CreateCommand("""
            SELECT s.id, s.channel, s.period_start, s.period_end, s.fees, s.net_amount,
                   COALESCE((SELECT sum(o.total) FROM orders o
                             WHERE o.channel = s.channel AND o.placed_at >= s.period_start AND o.placed_at < s.period_end
                               AND EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.captured_at IS NOT NULL)), 0) AS gross,
                   COALESCE((SELECT sum(r.amount) FROM refunds r JOIN orders o ON o.id = r.order_id
                             WHERE o.channel = s.channel AND r.status = 'processed'
                               AND r.processed_at >= s.period_start AND r.processed_at < s.period_end), 0) AS refunded
            FROM settlements s
            WHERE s.received_at > $1 AND s.received_at <= $2
            ORDER BY s.received_at, s.id
            """))
        {
            command.Parameters.AddWithValue(context.BusinessNow - Lookback);
            command.Parameters.AddWithValue(context.BusinessNow);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                checkedCount++;
                var (id, channel, start) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
                var (fees, paid, gross, refunded) = (reader.GetDecimal(4), reader.GetDecimal(5), reader.GetDecimal(6), reader.GetDecimal(7));
                var expected = gross - fees - refunded;
                if (Math.Abs(expected - paid) <= Tolerance) continue;
                var reconciliationId = $"recon_{id}";
                mismatches.Add(new NewEvent(ActionHashes.StableId($"ReconciliationMismatch:{reconciliationId}"), "ReconciliationMismatch", context.BusinessNow, Source,
                    JsonSerializer.SerializeToElement(new
                    {
                        ReconciliationId = reconciliationId, Expected = expected, Actual = paid, AccountCode = "1000", SettlementId = id,
                        Reference = $"{channel} payout {start:yyyy-MM-dd}", Difference = expected - paid, OrderGross = gross, RefundsProcessed = refunded, Fees = fees,
                    }, JsonDefaults.Options)));
            }
        }
        var appended = mismatches.Count == 0 ? 0 : (await events.AppendAsync(mismatches, cancellationToken)).Appended;
        return new BusinessJobResult(
            $"{checkedCount} settlement(s) received in the 8 days to {context.BusinessNow:yyyy-MM-dd} checked against order-level detail: " +
            $"{mismatches.Count} mismatch(es){(mismatches.Count > 0 ? $" ({string.Join(", ", mismatches.Select(m => m.Data.GetProperty("settlement_id").GetString()))}), {appended} newly reported" : "")}");
    }
}
