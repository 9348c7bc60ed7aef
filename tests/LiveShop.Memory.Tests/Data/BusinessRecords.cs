using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.Orders;

namespace LiveShop.Memory.Tests.Data;

/// <summary>Builders of valid business records with ids unique to the test, so tests can share one database.</summary>
internal static class BusinessRecords
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    public static Customer Customer() => new()
    {
        Id = NewId("c"), Email = "ana@example.com", Name = "Ana", Country = "AU", CreatedAt = Now.AddDays(-30),
    };

    public static Product Product(decimal price = 39.00m) => new()
    {
        Id = NewId("p"), Sku = NewId("SKU"), Title = "Bamboo travel mug", Category = "kitchen", Price = price,
        UnitCost = 9.50m, ShippingCost = 3.00m, PlatformFeePct = 8.125m, Stock = 120, ReorderPoint = 20,
        Status = "active", CreatedAt = Now.AddDays(-60),
    };

    public static Order Order(Customer customer, params (Product Product, int Quantity)[] lines)
    {
        var orderLines = lines.Select(l => new OrderLine
        {
            OrderId = "", ProductId = l.Product.Id, Quantity = l.Quantity, UnitPrice = l.Product.Price,
            LineTotal = l.Product.Price * l.Quantity,
        }).ToList();
        var subtotal = orderLines.Sum(l => l.LineTotal);
        var id = NewId("o");
        foreach (var line in orderLines) line.OrderId = id;
        return new Order
        {
            Id = id, CustomerId = customer.Id, Channel = "shopify", PlacedAt = Now, Status = "paid",
            Subtotal = subtotal, ShippingFee = 4.90m, Total = subtotal + 4.90m, Currency = "AUD",
            Ip = "203.0.113.7", DeviceId = "dev-1", BillingCountry = "AU", ShippingCountry = "AU", FirstOrder = true,
            Lines = orderLines,
        };
    }

    public static LedgerAccount Account(string code, string type) => new() { Code = code, Name = $"Account {code}", Type = type };
}
