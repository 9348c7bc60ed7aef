using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Support;

/// <summary>Writes a customer's order (and an earlier refund of it) straight into a test database.</summary>
public static class OrderRows
{
    /// <summary>Adds order <paramref name="orderId"/> of <paramref name="total"/>, of which <paramref name="refunded"/> was refunded two days ago.</summary>
    public static async Task AddAsync(TestDatabase database, string orderId, decimal total, decimal refunded = 0m)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-3);
        await using var db = database.CreateContext();
        var customerId = "c_" + orderId;
        db.Customers.Add(new Customer { Id = customerId, Email = customerId + "@example.com", Name = customerId, Country = "AU", CreatedAt = at });
        db.Orders.Add(new Order
        {
            Id = orderId, CustomerId = customerId, Channel = "shopify", PlacedAt = at, Status = "paid", Subtotal = total, Total = total,
            Currency = "AUD", Ip = "10.0.0.1", DeviceId = "d_" + orderId, BillingCountry = "AU", ShippingCountry = "AU",
        });
        if (refunded > 0)
            db.Refunds.Add(new Refund
            {
                Id = "rf_" + orderId, OrderId = orderId, CustomerId = customerId, Amount = refunded, Reason = "damaged", Status = "processed",
                RequestedAt = at.AddDays(1),
            });
        await db.SaveChangesAsync();
    }
}
