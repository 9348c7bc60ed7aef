using LiveShop.Kernel.Actions.Definitions.Platform;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Plugins.Integrations.Connections;

namespace LiveShop.Plugins.Integrations.Routing;

/// <summary>
/// The executor of an action that has live connectors: the first connector that says the packet concerns its account
/// carries it out, but only when the founder connected that integration; otherwise the action fails rather than touching
/// the sandbox on behalf of a live account. Packets no connector claims go to the sandbox executor.
/// </summary>
public sealed class LiveRoutingExecutor(IActionExecutor? sandbox, string action, IReadOnlyList<ILiveActionConnector> connectors, IntegrationConnections connections)
    : IActionExecutor
{
    /// <inheritdoc />
    public string Action => action;

    /// <summary>The connectors asked, in order.</summary>
    public IReadOnlyList<ILiveActionConnector> Connectors => connectors;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        foreach (var connector in connectors)
        {
            if (!await connector.HandlesAsync(packet, cancellationToken)) continue;
            if (!await connections.IsConnectedAsync(connector.IntegrationId, cancellationToken))
                throw new InvalidOperationException($"{connector.IntegrationId} is configured but not connected; approve {ConnectIntegrationAction.ActionName} first");
            return await connector.ExecuteAsync(packet, cancellationToken);
        }
        return sandbox is not null
            ? await sandbox.ExecuteAsync(packet, cancellationToken)
            : throw new InvalidOperationException($"no connector carries out {action} for this packet and it has no sandbox executor");
    }

    /// <summary>
    /// The executors with every action that has live connectors wrapped in a routing executor (connectors in registration
    /// order); actions without connectors keep their executor unchanged.
    /// </summary>
    public static IReadOnlyList<IActionExecutor> Wrap(IEnumerable<IActionExecutor> executors, IEnumerable<ILiveActionConnector> liveConnectors,
        IntegrationConnections connections)
    {
        var byAction = liveConnectors.GroupBy(c => c.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<ILiveActionConnector>)g.ToList());
        var wrapped = new List<IActionExecutor>();
        foreach (var executor in executors)
            wrapped.Add(byAction.Remove(executor.Action, out var connectors)
                ? new LiveRoutingExecutor(executor, executor.Action, connectors, connections)
                : executor);
        wrapped.AddRange(byAction.Select(pair => new LiveRoutingExecutor(null, pair.Key, pair.Value, connections)));
        return wrapped;
    }
}
