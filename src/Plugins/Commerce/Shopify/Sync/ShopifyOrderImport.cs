using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Events;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Commerce.Shopify.Sync;

/// <summary>
/// Upserts one Shopify order (Channel <c>shopify</c>, ExternalId = the order GID) with its customer, lines, captured
/// payments and refunds; a new order writes OrderPlaced, new payments PaymentCaptured, refunds made in Shopify RefundProcessed.
/// </summary>
internal static class ShopifyOrderImport
{
    /// <summary>Country code for an order without addresses (ISO 3166 reserves ZZ for "unknown").</summary>
    private const string UnknownCountry = "ZZ";

    public static async Task<IReadOnlyList<NewEvent>> ApplyAsync(LiveShopDbContext db, ShopifyOrder shopify, CancellationToken cancellationToken)
    {
        var events = new List<NewEvent>();
        var order = db.Orders.Local.FirstOrDefault(o => o.Channel == ShopifyIds.Channel && o.ExternalId == shopify.Id)
            ?? await db.Orders.FirstOrDefaultAsync(o => o.Channel == ShopifyIds.Channel && o.ExternalId == shopify.Id, cancellationToken);
        if (order is null)
        {
            order = await CreateAsync(db, shopify, cancellationToken);
            events.Add(ShopifyIds.Event("OrderPlaced", shopify.Id, shopify.CreatedAt, new
            {
                OrderId = order.Id, order.CustomerId, order.Channel, order.Total, order.Currency,
                Lines = order.Lines.Select(l => new { l.ProductId, l.Quantity, l.UnitPrice }).ToList(),
                order.Ip, order.DeviceId, order.BillingCountry, order.ShippingCountry, order.FirstOrder, ExternalId = shopify.Id,
            }));
        }
        else order.Status = Status(shopify);

        foreach (var capture in shopify.Transactions.Where(t => t.Kind is "SALE" or "CAPTURE" && t.Status == "SUCCESS"))
        {
            var provider = capture.Gateway.ToLowerInvariant();
            var known = db.Payments.Local.Any(p => p.Provider == provider && p.ExternalId == capture.Id)
                || await db.Payments.AnyAsync(p => p.Provider == provider && p.ExternalId == capture.Id, cancellationToken);
            if (known) continue;
            var payment = new Payment
            {
                Id = ShopifyIds.Local("pay", capture.Id), OrderId = order.Id, Provider = provider, ExternalId = capture.Id, Amount = capture.Amount,
                Status = "captured", CapturedAt = capture.ProcessedAt ?? shopify.CreatedAt,
            };
            db.Payments.Add(payment);
            events.Add(ShopifyIds.Event("PaymentCaptured", capture.Id, payment.CapturedAt.Value,
                new { PaymentId = payment.Id, payment.OrderId, payment.Amount, order.Currency, payment.Provider }));
        }

        foreach (var refund in shopify.Refunds)
        {
            // A refund the live connector made is already recorded under the same id; only refunds made in Shopify are new here.
            var id = ShopifyIds.Local("re", refund.Id);
            if (db.Refunds.Local.Any(r => r.Id == id) || await db.Refunds.AnyAsync(r => r.Id == id, cancellationToken)) continue;
            db.Refunds.Add(new Refund
            {
                Id = id, OrderId = order.Id, CustomerId = order.CustomerId, Amount = refund.Amount, Reason = refund.Note ?? "refunded in Shopify",
                Status = "processed", RequestedAt = refund.CreatedAt, ProcessedAt = refund.CreatedAt,
            });
            events.Add(ShopifyIds.Event("RefundProcessed", refund.Id, refund.CreatedAt,
                new { RefundId = id, OrderId = order.Id, refund.Amount, order.CustomerId, order.Currency }));
        }
        return events;
    }

    private static async Task<Order> CreateAsync(LiveShopDbContext db, ShopifyOrder shopify, CancellationToken cancellationToken)
    {
        var customer = await CustomerAsync(db, shopify, cancellationToken);
        var firstOrder = !db.Orders.Local.Any(o => o.CustomerId == customer.Id && o.PlacedAt < shopify.CreatedAt)
            && !await db.Orders.AnyAsync(o => o.CustomerId == customer.Id && o.PlacedAt < shopify.CreatedAt, cancellationToken);
        var tail = ShopifyIds.Tail(shopify.Id);
        var order = new Order
        {
            Id = ShopifyIds.Local("o", shopify.Id), CustomerId = customer.Id, Channel = ShopifyIds.Channel, ExternalId = shopify.Id,
            PlacedAt = shopify.CreatedAt, Status = Status(shopify), Subtotal = shopify.Subtotal, ShippingFee = shopify.Shipping, Total = shopify.Total,
            Currency = shopify.Currency,
            // Shopify exposes no device id and not always an IP; a per-order placeholder keeps the fraud rule's
            // "several orders from one IP or device" from lumping every such order together.
            Ip = string.IsNullOrWhiteSpace(shopify.ClientIp) ? $"unknown:{tail}" : shopify.ClientIp,
            DeviceId = $"shopify:{tail}",
            BillingCountry = shopify.BillingCountry ?? shopify.ShippingCountry ?? customer.Country,
            ShippingCountry = shopify.ShippingCountry ?? shopify.BillingCountry ?? customer.Country,
            FirstOrder = firstOrder,
        };
        foreach (var item in shopify.LineItems)
        {
            // Lines of products the catalog does not hold (deleted products, custom items) stay out of the lines; the totals keep them.
            if (item.ProductId is null) continue;
            var listing = db.Listings.Local.FirstOrDefault(l => l.Channel == ShopifyIds.Channel && l.ExternalId == item.ProductId)
                ?? await db.Listings.FirstOrDefaultAsync(l => l.Channel == ShopifyIds.Channel && l.ExternalId == item.ProductId, cancellationToken);
            if (listing is null) continue;
            order.Lines.Add(new OrderLine
            {
                OrderId = order.Id, ProductId = listing.ProductId, Quantity = item.Quantity, UnitPrice = item.UnitPrice, LineTotal = item.UnitPrice * item.Quantity,
            });
        }
        db.Orders.Add(order);
        return order;
    }

    private static async Task<Customer> CustomerAsync(LiveShopDbContext db, ShopifyOrder shopify, CancellationToken cancellationToken)
    {
        var id = shopify.Customer is { } c ? ShopifyIds.Local("cu", c.Id) : ShopifyIds.Local("cu_guest", shopify.Id);
        var byId = db.Customers.Local.FirstOrDefault(x => x.Id == id) ?? await db.Customers.FindAsync([id], cancellationToken);
        if (byId is not null) return byId;
        var email = string.IsNullOrWhiteSpace(shopify.Email) ? null : shopify.Email.Trim().ToLowerInvariant();
        if (email is not null)
        {
            // The same person bought on another channel first: one customer across channels.
            var byEmail = db.Customers.Local.FirstOrDefault(x => x.Email == email) ?? await db.Customers.FirstOrDefaultAsync(x => x.Email == email, cancellationToken);
            if (byEmail is not null) return byEmail;
        }
        var name = shopify.Customer is { } named ? $"{named.FirstName} {named.LastName}".Trim() : "";
        var customer = new Customer
        {
            Id = id, Email = email ?? $"{ShopifyIds.Tail(id)}@customers.shopify.invalid", Name = name.Length > 0 ? name : email ?? "Shopify customer",
            Country = shopify.BillingCountry ?? shopify.ShippingCountry ?? UnknownCountry, CreatedAt = shopify.CreatedAt,
        };
        db.Customers.Add(customer);
        return customer;
    }

    private static string Status(ShopifyOrder shopify) =>
        shopify.CancelledAt is not null ? "cancelled"
        : shopify.FinancialStatus switch
        {
            "REFUNDED" => "refunded",
            "PARTIALLY_REFUNDED" => "partially_refunded",
            _ when shopify.FulfillmentStatus == "FULFILLED" => "fulfilled",
            "PAID" => "paid",
            _ => "pending",
        };
}
