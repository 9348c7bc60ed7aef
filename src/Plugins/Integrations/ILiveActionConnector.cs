using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Plugins.Integrations;

/// <summary>
/// A real provider's way of carrying out one contract action. Registered only when its integration is live; the
/// action's executor asks each live connector whether the packet concerns its account (the order was paid through
/// Stripe, the product is listed on Shopify) and otherwise lets the sandbox carry it out.
/// </summary>
public interface ILiveActionConnector
{
    /// <summary>The integration id from <see cref="IntegrationCatalog"/>.</summary>
    string IntegrationId { get; }

    /// <summary>The contract action it carries out, e.g. <see cref="RefundOrderAction"/>.</summary>
    string Action { get; }

    /// <summary>Whether this packet concerns this provider (read from the database, never from the packet's evidence).</summary>
    Task<bool> HandlesAsync(ActionPacket packet, CancellationToken cancellationToken);

    /// <summary>Calls the provider (passing the action's idempotency key through) and records the outcome in the database.</summary>
    Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken);
}
