using Npgsql;

namespace LiveShop.Chat.Messaging;

/// <summary>
/// Remembers inbound chat deliveries already accepted (a Slack event id, a hash of an interaction payload), so a retry
/// or a replay is acknowledged but not handled twice. The primary key decides, so two hosts cannot both accept one.
/// </summary>
public sealed class InboundDeliveries(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>True the first time a delivery id is seen on a platform; false for every repeat.</summary>
    public async Task<bool> TryAcceptAsync(string platform, string deliveryId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO chat_inbound_deliveries (platform, delivery_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new() { Value = platform });
        command.Parameters.Add(new() { Value = deliveryId });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
