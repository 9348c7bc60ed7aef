namespace LiveShop.Plugins.Sandbox.Simulation;

/// <summary>Who buys, from where, and in which context (show, creator, ad set).</summary>
internal sealed record Purchase(string Channel, DateTimeOffset At, CustomerProfile Buyer, string ShippingCountry,
    IReadOnlyList<(string ProductId, int Quantity, decimal UnitPrice)> Items, string? LiveShowId = null, string? CreatorId = null,
    bool Suspicious = false);

// Orders: organic browsing, fraud bursts and the one place where an order, its payment and its fate are made.
public sealed partial class SandboxSimulator
{
    private void RunOrganicSales(DateOnly day)
    {
        var weekday = DemandModel.WeekdayFactor(day.DayOfWeek);
        var totalPopularity = World.Traits.Sum(t => t.Popularity);
        foreach (var channel in SandboxCatalogue.Channels)
        {
            var sessions = DemandModel.BaseSessions(channel) * World.TrafficScale * weekday * _random.Between(0.85, 1.15);
            var baseRate = DemandModel.OrganicBaseConversion(channel);
            for (var p = 0; p < World.Products.Count; p++)
            {
                var product = World.Products[p];
                var traits = World.Traits[p];
                if (!Sells(product, channel)) continue;
                var expected = sessions * traits.Popularity / totalPopularity * DemandModel.Conversion(baseRate, traits, product.Price) * DemandFactor(product, day);
                var count = _random.Poisson(expected);
                for (var n = 0; n < count; n++)
                {
                    var at = _random.TimeOn(day, 0, 24);
                    var creator = channel == "tiktok_shop" && _random.Chance(0.12) ? AffiliateCreator("tiktok") : null;
                    var buyer = ChooseBuyer(at);
                    PlaceOrder(new Purchase(channel, at, buyer, ShippingCountryFor(buyer), BasketWith(product), CreatorId: creator?.Id));
                }
            }
        }
    }

    private void RunFraudBurst(DateOnly day)
    {
        // Several first-time buyers, one ip and one device inside an hour, billing abroad, shipping to Australia.
        var ip = RandomIp("US");
        var device = $"dev_{_random.Hex(12)}";
        var start = _random.TimeOn(day, 10, 20);
        var expensive = World.Products.OrderByDescending(p => p.Price).Take(4).ToList();
        var count = _random.Next(4, 8);
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMinutes(_random.Next(0, 50));
            var profile = NewCustomer(at, _random.Chance(0.5) ? "US" : "GB") with { Ip = ip, DeviceId = device };
            World.Profiles[^1] = profile;
            var product = _random.Pick(expensive);
            PlaceOrder(new Purchase("shopify", at, profile, "AU", [(product.Id, _random.Next(1, 4), product.Price)], Suspicious: true));
        }
    }

    /// <summary>A product sells on a channel while it is active and its listing there was not taken down.</summary>
    private bool Sells(ProductRecord product, string channel) =>
        product.Status == "active" && !World.DelistedPairs.Contains((product.Id, channel));

    private CustomerProfile ChooseBuyer(DateTimeOffset at) =>
        World.Profiles.Count > 50 && _random.Chance(0.24) ? World.Profiles[_random.Next(World.Profiles.Count)] : NewCustomer(at);

    private string ShippingCountryFor(CustomerProfile buyer) =>
        _random.Chance(0.015) ? _random.Pick(Countries.Where(c => c != buyer.Country).ToList()) : buyer.Country;

    private List<(string, int, decimal)> BasketWith(ProductRecord primary, decimal? unitPrice = null)
    {
        var items = new List<(string, int, decimal)> { (primary.Id, _random.Chance(0.15) ? 2 : 1, unitPrice ?? primary.Price) };
        if (_random.Chance(0.28))
        {
            var extra = World.Products[_random.Next(World.Products.Count)];
            if (extra.Id != primary.Id) items.Add((extra.Id, 1, extra.Price));
        }
        return items;
    }

    private CreatorRecord? AffiliateCreator(string platform)
    {
        var candidates = World.Creators.Where(c => c.Platform == platform && c.Status == "active").ToList();
        return candidates.Count == 0 ? null : _random.Pick(candidates);
    }

    /// <summary>Places an order if stock allows: payment, stock, commission, and the order's later fate.</summary>
    private OrderRecord? PlaceOrder(Purchase purchase)
    {
        var lines = new List<OrderLineRecord>();
        var orderId = $"o_{World.NextOrderNumber}";
        foreach (var (productId, wanted, unitPrice) in purchase.Items)
        {
            var product = Product(productId);
            if (!Sells(product, purchase.Channel)) continue;
            var quantity = Math.Min(wanted, product.Stock - lines.Where(l => l.ProductId == productId).Sum(l => l.Quantity));
            if (quantity <= 0) continue;
            lines.Add(new OrderLineRecord(World.NextOrderLineId++, orderId, productId, quantity, unitPrice, unitPrice * quantity));
        }
        if (lines.Count == 0) return null;
        World.NextOrderNumber++;

        var buyer = purchase.Buyer;
        var subtotal = lines.Sum(l => l.LineTotal);
        var shipping = DemandModel.ShippingFee(subtotal, purchase.ShippingCountry);
        var total = subtotal + shipping;
        var provider = DemandModel.PaymentProvider(purchase.Channel);
        var paid = !_random.Chance(purchase.Suspicious ? 0.2 : 0.025);
        var order = new OrderRecord(orderId, buyer.CustomerId, purchase.Channel, purchase.At, paid ? "paid" : "cancelled", subtotal,
            shipping, total, SandboxCatalogue.Currency, buyer.Ip, buyer.DeviceId, buyer.Country, purchase.ShippingCountry,
            FirstOrder: buyer.Orders == 0, purchase.LiveShowId, purchase.CreatorId, null, null, lines);
        buyer.Orders++;
        World.OrderIndex[orderId] = World.Orders.Count;
        World.Orders.Add(order);
        Emit("OrderPlaced", purchase.At, purchase.Channel, new
        {
            OrderId = orderId, CustomerId = buyer.CustomerId, Channel = purchase.Channel, Total = total, Currency = order.Currency,
            Subtotal = subtotal, ShippingFee = shipping, Ip = buyer.Ip, DeviceId = buyer.DeviceId, BillingCountry = buyer.Country,
            ShippingCountry = purchase.ShippingCountry, FirstOrder = order.FirstOrder, LiveShowId = purchase.LiveShowId,
            CreatorId = purchase.CreatorId,
            Lines = lines.Select(l => new { l.ProductId, l.Quantity, l.UnitPrice }).ToList(),
        });

        var paymentAt = purchase.At.AddSeconds(_random.Next(2, 40));
        var fee = paid ? DemandModel.PaymentFee(provider, total) : 0m;
        var payment = new PaymentRecord($"pay_{World.NextPaymentNumber++}", orderId, provider, total, fee, paid ? "captured" : "failed",
            paid ? paymentAt : null);
        World.PaymentByOrder[orderId] = World.Payments.Count;
        World.Payments.Add(payment);
        if (!paid)
        {
            Emit("PaymentFailed", paymentAt, provider, new { PaymentId = payment.Id, OrderId = orderId, Amount = total, Currency = order.Currency, Reason = "card_declined", Provider = provider });
            return order;
        }
        Emit("PaymentCaptured", paymentAt, provider, new { PaymentId = payment.Id, OrderId = orderId, Amount = total, Currency = order.Currency, Fee = fee, Provider = provider });

        var tally = Tally(purchase.Channel, DateOnly.FromDateTime(purchase.At.UtcDateTime));
        tally.Orders++;
        tally.Gross += total;
        tally.Subtotal += subtotal;
        tally.Shipping += shipping;
        foreach (var line in lines)
        {
            var product = Product(line.ProductId);
            tally.Fees += SeededDraws.Money(line.LineTotal * product.PlatformFeePct / 100m);
            tally.CostOfGoods += product.UnitCost * line.Quantity;
            TakeStock(product, line.Quantity, purchase.At);
        }
        tally.Fees += fee;
        _dayOrders++;
        _dayRevenue += total;

        if (purchase.CreatorId is { } creatorId) EarnCommission(creatorId, order, tally);
        DecideFate(order, purchase.Suspicious);
        return order;
    }
}
