using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Channels;
using LiveShop.Plugins.Commerce.Recording;
using LiveShop.Plugins.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Sandbox.Actions;

/// <summary><c>refund_order</c>: records a processed refund against the order; money sent back cannot be recalled.</summary>
public sealed class RefundOrderExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "refund_order";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var order = await SandboxBusiness.FindForUpdateAsync(db, db.Orders, SandboxBusiness.Text(packet, "order_id"), "order", cancellationToken);
            return await RefundRecording.RecordAsync(db, order, SandboxBusiness.NewId("re", packet), SandboxBusiness.Number(packet, "amount"),
                SandboxBusiness.Text(packet, "reason"), business.Now, cancellationToken);
        }, packet.ActionId, cancellationToken);
}

/// <summary><c>change_price</c>: sets the product's price (and its listings'), keeps the change as history; undone by restoring the price.</summary>
public sealed class ChangePriceExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "change_price";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var product = await SandboxBusiness.FindForUpdateAsync(db, db.Products, SandboxBusiness.Text(packet, "product_id"), "product", cancellationToken);
            return await PriceChangeRecording.RecordAsync(db, product, SandboxBusiness.Number(packet, "new_price"), packet, business.Now, cancellationToken);
        }, packet.ActionId, cancellationToken);
}

/// <summary><c>publish_listing</c>: lists a product on a channel.</summary>
public sealed class PublishListingExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "publish_listing";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var product = await SandboxBusiness.FindAsync(db.Products, SandboxBusiness.Text(packet, "product_id"), "product", cancellationToken);
            var id = SandboxBusiness.NewId("li", packet);
            var listing = new Listing
            {
                Id = id, ProductId = product.Id, Channel = SandboxBusiness.Text(packet, "channel"), ExternalId = $"sandbox-{id}",
                Title = SandboxBusiness.Text(packet, "title"), Description = SandboxBusiness.Text(packet, "description"),
                Price = product.Price, Status = "published", PublishedAt = business.Now,
            };
            db.Listings.Add(listing);
            var result = new ExecutionResult
            {
                ConnectorReference = listing.ExternalId,
                Summary = $"listing {id} of {product.Id} published on {listing.Channel}",
                IrreversibleBecause = "the policy declares no unpublish action; take the listing down on the channel",
            };
            return (result, [("ListingPublished", new { ListingId = id, ProductId = product.Id, listing.Channel, listing.Title })]);
        }, packet.ActionId, cancellationToken);
}

/// <summary><c>fulfill_order</c>: marks the order fulfilled (shipped).</summary>
public sealed class FulfillOrderExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "fulfill_order";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var order = await SandboxBusiness.FindAsync(db.Orders, SandboxBusiness.Text(packet, "order_id"), "order", cancellationToken);
            order.Status = "fulfilled";
            order.FulfilledAt = business.Now;
            var result = new ExecutionResult
            {
                ConnectorReference = $"shipment-{order.Id}", Summary = $"order {order.Id} fulfilled",
                IrreversibleBecause = "a shipped parcel cannot be recalled by the shop",
            };
            return (result, Array.Empty<(string, object)>());
        }, packet.ActionId, cancellationToken);
}

/// <summary><c>respond_ticket</c>: answers a support ticket.</summary>
public sealed class RespondTicketExecutor(SandboxBusiness business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => "respond_ticket";

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        TicketReplies.RecordAsync(business, packet, reference: null, summary: null, cancellationToken);
}
