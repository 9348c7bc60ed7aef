using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Plugins.Integrations.Connections;

/// <summary>
/// <see cref="ConnectIntegrationAction"/>: records the founder's approval that agents may act through a configured integration (or,
/// with <c>disconnect</c>, withdraws it). Undone by restoring the previous decision.
/// </summary>
public sealed class ConnectIntegrationExecutor(IntegrationDirectory directory, BusinessUnitOfWork business) : IActionExecutor
{
    /// <summary>The event source of connection changes.</summary>
    public const string Source = "liveshop.integrations";

    /// <inheritdoc />
    public string Action => ConnectIntegrationAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var id = BusinessUnitOfWork.Text(packet, "integration_id").Trim();
        var disconnect = ActionParameters.TryGetFlag(packet.Parameters, "disconnect", out var flag) && flag;
        var status = directory.Find(id) ?? throw new InvalidOperationException(
            $"unknown integration '{id}'; known: {string.Join(", ", directory.All.Select(s => s.Id))}");
        if (!disconnect && status.Mode != ConnectorMode.Live)
            throw new InvalidOperationException(
                $"{id} is not configured: set {string.Join(", ", status.Descriptor.RequiredSettings.Select(s => $"{status.Descriptor.ConfigurationSection}:{s}"))} " +
                "and restart before connecting it");
        var newStatus = disconnect ? IntegrationConnections.Disconnected : IntegrationConnections.Connected;
        var changedBy = packet.RequestedBy ?? "unknown";
        return business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var row = await db.IntegrationConnections.FindAsync([id], cancellationToken);
            var previous = row?.Status ?? IntegrationConnections.Disconnected;
            if (row is null)
                db.IntegrationConnections.Add(row = new IntegrationConnection { IntegrationId = id, Status = newStatus, ActionId = packet.ActionId, ChangedBy = changedBy });
            row.Status = newStatus;
            row.ActionId = packet.ActionId;
            row.ChangedBy = changedBy;
            row.ChangedAt = business.Now;
            var result = new ExecutionResult
            {
                ConnectorReference = $"{id}:{newStatus}",
                Summary = disconnect
                    ? $"{status.Descriptor.DisplayName} disconnected: its actions are refused until it is connected again"
                    : $"{status.Descriptor.DisplayName} connected: agents' approved actions now reach the real account",
                Details = BusinessUnitOfWork.Json(new { IntegrationId = id, From = previous, To = newStatus }),
                // Undo restores the decision before this one; never connected counts as disconnected.
                Inverse = new ActionInverse(Action, previous == IntegrationConnections.Connected
                    ? BusinessUnitOfWork.Json(new { IntegrationId = id })
                    : BusinessUnitOfWork.Json(new { IntegrationId = id, Disconnect = true })),
            };
            var type = disconnect ? "IntegrationDisconnected" : "IntegrationConnected";
            return (result, [(type, new { IntegrationId = id, packet.ActionId, ChangedBy = changedBy })]);
        }, packet.ActionId, cancellationToken, Source);
    }
}
