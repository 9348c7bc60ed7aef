namespace LiveShop.Plugins.Sandbox.Simulation;

// Stock: sales deplete it, low stock triggers a purchase order per supplier, stock arrives after the lead time
// (sometimes late); the founder now and then reprices a product.
public sealed partial class SandboxSimulator
{
    private static readonly string[] PriceReasons = ["competitor price match", "margin review", "demand test", "supplier cost change"];

    private void TakeStock(ProductRecord product, int quantity, DateTimeOffset at)
    {
        var updated = product with { Stock = product.Stock - quantity };
        if (updated.Stock < 0) throw new InvalidOperationException($"stock of {product.Id} would go negative");
        ReplaceProduct(updated);
        if (updated.Stock <= updated.ReorderPoint && World.ProductsFlaggedLow.Add(product.Id))
            Emit("StockLow", at, "shopify", new { ProductId = product.Id, Sku = product.Sku, Stock = updated.Stock, Threshold = updated.ReorderPoint });
        if (updated.Stock == 0)
            Emit("StockOut", at, "shopify", new { ProductId = product.Id, Sku = product.Sku });
    }

    private void ReviewStock(DateOnly day)
    {
        var due = World.Products
            .Where(p => p.Stock <= p.ReorderPoint && !World.ProductsWithOpenPurchaseOrder.Contains(p.Id))
            .GroupBy(p => p.SupplierId)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in due)
        {
            var supplier = World.Suppliers.First(s => s.Id == group.Key);
            var id = $"po_{World.NextPurchaseOrderNumber++}";
            var orderedAt = _random.TimeOn(day, 22, 23.5);
            var lines = group.Select(p =>
            {
                var dailyDemand = (double)p.ReorderPoint / (supplier.LeadTimeDays + 6);
                var quantity = (int)Math.Ceiling(dailyDemand * _random.Between(30, 45) / 10.0) * 10;
                return new PurchaseOrderLineRecord(World.NextPurchaseOrderLineId++, id, p.Id, quantity, p.UnitCost);
            }).ToList();
            var total = lines.Sum(l => l.Quantity * l.UnitCost);
            var expectedAt = orderedAt.AddDays(supplier.LeadTimeDays);
            var arrivesAt = _random.Chance((double)supplier.OnTimeRate / 100) ? expectedAt.AddHours(-_random.Between(0, 12)) : expectedAt.AddDays(_random.Between(1, 6));
            World.PurchaseOrderIndex[id] = World.PurchaseOrders.Count;
            World.PurchaseOrders.Add(new PurchaseOrderRecord(id, supplier.Id, "ordered", orderedAt, expectedAt, null, total, lines));
            foreach (var line in lines) World.ProductsWithOpenPurchaseOrder.Add(line.ProductId);
            Schedule(new ReceivePurchaseOrder(arrivesAt, id));
            PostJournal(orderedAt, $"Supplier payment {id} to {supplier.Name}", "supplier_payment", id, [("1200", total, 0m), ("1000", 0m, total)]);
        }
    }

    private void ReceivePurchaseOrderStep(ReceivePurchaseOrder step)
    {
        var index = World.PurchaseOrderIndex[step.PurchaseOrderId];
        var day = DateOnly.FromDateTime(step.At.UtcDateTime);
        // A stockout shock holds back every delivery of its product until it ends.
        if (World.PurchaseOrders[index].Lines.Select(l => StockoutOf(l.ProductId, day)).FirstOrDefault(s => s is not null) is { } held)
        {
            Schedule(new ReceivePurchaseOrder(Midnight(held.Until).AddHours(9), step.PurchaseOrderId));
            return;
        }
        var po = World.PurchaseOrders[index] = World.PurchaseOrders[index] with { Status = "received", ReceivedAt = step.At };
        foreach (var line in po.Lines)
        {
            var product = Product(line.ProductId);
            var updated = product with { Stock = product.Stock + line.Quantity };
            ReplaceProduct(updated);
            World.ProductsWithOpenPurchaseOrder.Remove(line.ProductId);
            if (updated.Stock > updated.ReorderPoint) World.ProductsFlaggedLow.Remove(line.ProductId);
            Emit("StockReplenished", step.At, "shopify", new
            {
                ProductId = product.Id, Sku = product.Sku, Quantity = line.Quantity, Stock = updated.Stock, UnitCost = line.UnitCost, PurchaseOrderId = po.Id,
            });
        }
    }

    private void ReviewPrices(DateOnly day)
    {
        if (!_random.Chance(0.12)) return;
        var product = World.Products[_random.Next(World.Products.Count)];
        var factor = (decimal)(_random.Chance(0.5) ? _random.Between(1.04, 1.12) : _random.Between(0.88, 0.96));
        var floor = product.UnitCost + product.ShippingCost + 2m;
        var newPrice = Math.Max(Math.Round(product.Price * factor, 0) - 0.01m, Math.Ceiling(floor) - 0.01m);
        if (newPrice == product.Price) return;
        var at = _random.TimeOn(day, 0, 8);
        World.PriceChanges.Add(new PriceChangeRecord(World.NextPriceChangeId++, product.Id, product.Price, newPrice, at,
            "founder@liveshop.local", _random.Pick(PriceReasons)));
        ReplaceProduct(product with { Price = newPrice });
        for (var i = 0; i < World.Listings.Count; i++)
        {
            var listing = World.Listings[i];
            if (listing.ProductId != product.Id) continue;
            World.Listings[i] = listing with { Price = newPrice };
            Emit("ListingUpdated", at.AddMinutes(1), listing.Channel, new
            {
                ListingId = listing.Id, ProductId = product.Id, Channel = listing.Channel,
                Changes = new { Price = new { From = product.Price, To = newPrice } },
            });
        }
    }
}
