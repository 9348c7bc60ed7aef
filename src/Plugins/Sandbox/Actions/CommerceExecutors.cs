using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Channels;
using LiveShop.Plugins.Commerce.Recording;
using LiveShop.Plugins.Support;
using Microsoft.EntityFrameworkCore;
using LiveShop.Kernel.Actions.Definitions.Catalog;
using LiveShop.Kernel.Actions.Definitions.Fulfilment;
using LiveShop.Kernel.Actions.Definitions.Refunds;
using LiveShop.Kernel.Actions.Definitions.Support;

namespace LiveShop.Plugins.Sandbox.Actions;

/// <summary><see cref="RefundOrderAction"/>: records a processed refund against the order; money sent back cannot be recalled.</summary>
public sealed class RefundOrderExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => RefundOrderAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var order = await BusinessUnitOfWork.FindForUpdateAsync(db, db.Orders, BusinessUnitOfWork.Text(packet, "order_id"), "order", cancellationToken);
            return await RefundRecording.RecordAsync(db, order, BusinessUnitOfWork.NewId("re", packet), BusinessUnitOfWork.Number(packet, "amount"),
                BusinessUnitOfWork.Text(packet, "reason"), business.Now, cancellationToken);
        }, packet.ActionId, cancellationToken);
}

/// <summary><see cref="ChangePriceAction"/>: sets the product's price (and its listings'), keeps the change as history; undone by restoring the price.</summary>
public sealed class ChangePriceExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => ChangePriceAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var product = await BusinessUnitOfWork.FindForUpdateAsync(db, db.Products, BusinessUnitOfWork.Text(packet, "product_id"), "product", cancellationToken);
            return await PriceChangeRecording.RecordAsync(db, product, BusinessUnitOfWork.Number(packet, "new_price"), packet, business.Now, cancellationToken);
        }, packet.ActionId, cancellationToken);
}

/// <summary><see cref="PublishListingAction"/>: lists a product on a channel.</summary>
public sealed class PublishListingExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => PublishListingAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var product = await BusinessUnitOfWork.FindAsync(db.Products, BusinessUnitOfWork.Text(packet, "product_id"), "product", cancellationToken);
            var id = BusinessUnitOfWork.NewId("li", packet);
            var listing = new Listing
            {
                Id = id, ProductId = product.Id, Channel = BusinessUnitOfWork.Text(packet, "channel"), ExternalId = $"sandbox-{id}",
                Title = BusinessUnitOfWork.Text(packet, "title"), Description = BusinessUnitOfWork.Text(packet, "description"),
                Price = product.Price, Status = "published", PublishedAt = business.Now,
            };
            db.Listings.Add(listing);
            var result = new ExecutionResult
            {
                ConnectorReference = listing.ExternalId,
                Summary = $"listing {id} of {product.Id} published on {listing.Channel}",
            };
            return (result, [("ListingPublished", new { ListingId = id, ProductId = product.Id, listing.Channel, listing.Title })]);
        }, packet.ActionId, cancellationToken);
}

/// <summary><see cref="FulfillOrderAction"/>: marks the order fulfilled (shipped).</summary>
public sealed class FulfillOrderExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => FulfillOrderAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var order = await BusinessUnitOfWork.FindAsync(db.Orders, BusinessUnitOfWork.Text(packet, "order_id"), "order", cancellationToken);
            order.Status = "fulfilled";
            order.FulfilledAt = business.Now;
            var result = new ExecutionResult
            {
                ConnectorReference = $"shipment-{order.Id}", Summary = $"order {order.Id} fulfilled",
            };
            return (result, Array.Empty<(string, object)>());
        }, packet.ActionId, cancellationToken);
}

/// <summary><see cref="RespondTicketAction"/>: answers a support ticket.</summary>
public sealed class RespondTicketExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => RespondTicketAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        TicketReplies.RecordAsync(business, packet, reference: null, summary: null, cancellationToken);
}
