using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Database;
using LiveShop.Plugins.Commerce.Recording;
using LiveShop.Plugins.Commerce.Shopify.Sync;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Catalog;

namespace LiveShop.Plugins.Commerce.Shopify.Connectors;

/// <summary>
/// <see cref="ChangePriceAction"/> for a product listed on Shopify: sets every variant of the listed Shopify product to the new
/// price, then records the change in the database exactly as the sandbox does (price, listings, history, events).
/// </summary>
public sealed class ShopifyChangePriceConnector(ShopifyShop shop, BusinessUnitOfWork business, NpgsqlDataSource dataSource) : ILiveActionConnector
{
    /// <inheritdoc />
    public string IntegrationId => ShopifyIds.Channel;

    /// <inheritdoc />
    public string Action => ChangePriceAction.ActionName;

    /// <inheritdoc />
    public async Task<bool> HandlesAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        ActionParameters.TryGetText(packet.Parameters, "product_id", out var productId)
        && await ShopifyListingAsync(productId, cancellationToken) is not null;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var productId = BusinessUnitOfWork.Text(packet, "product_id");
        var price = BusinessUnitOfWork.Number(packet, "new_price");
        var shopifyProductId = await ShopifyListingAsync(productId, cancellationToken)
            ?? throw new InvalidOperationException($"product {productId} has no Shopify listing");
        // Shopify first: if it refuses (userErrors, outage), the database keeps the old price and nothing is recorded.
        var variants = await shop.VariantsAsync(shopifyProductId, cancellationToken);
        await shop.SetVariantPricesAsync(shopifyProductId, variants.Select(v => v.Id), price, cancellationToken);
        return await business.InTransactionAsync(async db =>
        {
            var product = await BusinessUnitOfWork.FindAsync(db.Products, productId, "product", cancellationToken);
            return await PriceChangeRecording.RecordAsync(db, product, price, packet, business.Now, cancellationToken, connectorReference: $"{shopifyProductId}@{price}");
        }, packet.ActionId, cancellationToken, ShopifyIds.Channel);
    }

    private async Task<string?> ShopifyListingAsync(string productId, CancellationToken cancellationToken)
    {
        await using var db = LiveShopDataSource.CreateContext(dataSource);
        return await db.Listings.Where(l => l.ProductId == productId && l.Channel == ShopifyIds.Channel && l.ExternalId != null)
            .Select(l => l.ExternalId).FirstOrDefaultAsync(cancellationToken);
    }
}
