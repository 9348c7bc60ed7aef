namespace LiveShop.Plugins.Sandbox.Simulation;

// Creators: live shows with pinned products at show prices, commissions on the orders they bring, weekly payouts.
public sealed partial class SandboxSimulator
{
    private void PlanLiveShows(DateOnly day)
    {
        var creators = World.Creators.Where(c => c.Status == "active").ToList();
        if (creators.Count == 0 || !_random.Chance(0.4)) return;
        var creator = creators[_random.PickWeighted(creators.Select(c => (double)World.AudienceByCreator[c.Handle]).ToList())];
        var showDay = day.AddDays(_random.Next(2, 5));
        var id = $"ls_{World.NextLiveShowNumber++}";
        var scheduledAt = Midnight(showDay).AddHours(9).AddMinutes(15 * _random.Next(0, 5));
        var channel = CreatorChannel(creator);
        var pinned = Enumerable.Range(0, World.Products.Count).OrderBy(_ => _random.Next()).Take(_random.Next(3, 5)).ToList();
        var title = $"{creator.Handle} live: {string.Join(", ", pinned.Take(2).Select(i => World.Products[i].Title))} & more";
        World.LiveShowIndex[id] = World.LiveShows.Count;
        World.LiveShows.Add(new LiveShowRecord(id, creator.Id, channel, title, scheduledAt, null, null, 0, 0, 0, 0m, "scheduled"));
        foreach (var p in pinned)
        {
            var product = World.Products[p];
            World.LiveShowProducts.Add(new LiveShowProductRecord(id, product.Id, null, Math.Round(product.Price * (decimal)_random.Between(0.8, 0.9), 0) - 0.01m));
        }
        Emit("LiveShowScheduled", _random.TimeOn(day, 0, 8), channel, new
        {
            LiveShowId = id, HostCreatorId = creator.Id, Channel = channel, Title = title, ScheduledStart = scheduledAt,
        });
    }

    private void RunLiveShows(DateOnly day)
    {
        for (var s = 0; s < World.LiveShows.Count; s++)
        {
            var show = World.LiveShows[s];
            if (show.Status != "scheduled" || DateOnly.FromDateTime(show.ScheduledAt.UtcDateTime) != day) continue;
            var creator = World.Creators.First(c => c.Id == show.CreatorId);
            var startedAt = show.ScheduledAt.AddMinutes(_random.Next(0, 6));
            var duration = _random.Between(60, 120);
            var endedAt = startedAt.AddMinutes(duration);
            Emit("LiveShowStarted", startedAt, show.Channel, new { LiveShowId = show.Id, HostCreatorId = show.CreatorId, Channel = show.Channel });

            var audience = World.AudienceByCreator[creator.Handle];
            var peak = (int)(audience * _random.Between(0.5, 1.3));
            var total = (int)(peak * _random.Between(2.0, 3.5));
            Emit("ViewerJoined", startedAt.AddMinutes(duration / 2), show.Channel, new { LiveShowId = show.Id, ViewerId = $"{show.Id}:all", Viewers = total, PeakViewers = peak, Aggregate = true });

            var products = World.LiveShowProducts.Select((p, i) => (p, i)).Where(x => x.p.LiveShowId == show.Id).ToList();
            var orders = 0;
            var revenue = 0m;
            for (var k = 0; k < products.Count; k++)
            {
                var (pinned, index) = products[k];
                var product = Product(pinned.ProductId);
                var pinnedAt = startedAt.AddMinutes(duration * k / products.Count);
                World.LiveShowProducts[index] = pinned with { PinnedAt = pinnedAt };
                Emit("ProductPinned", pinnedAt, show.Channel, new { LiveShowId = show.Id, ProductId = product.Id, Price = pinned.ShowPrice });
                Emit("PriceDropped", pinnedAt.AddSeconds(5), show.Channel, new
                {
                    LiveShowId = show.Id, ProductId = product.Id, FromPrice = product.Price, ToPrice = pinned.ShowPrice,
                });
                var traits = TraitsOf(product.Id);
                var wanted = _random.Poisson(total * DemandModel.Conversion(0.0016, traits, pinned.ShowPrice) * DemandFactor(product, day));
                for (var n = 0; n < wanted; n++)
                {
                    var at = pinnedAt.AddMinutes(_random.Between(0, duration - duration * k / products.Count));
                    var buyer = ChooseBuyer(at);
                    var order = PlaceOrder(new Purchase(show.Channel, at, buyer, ShippingCountryFor(buyer),
                        [(product.Id, _random.Chance(0.12) ? 2 : 1, pinned.ShowPrice)], show.Id, creator.Id));
                    if (order is null || order.Status == "cancelled") continue;
                    orders++;
                    revenue += order.Total;
                }
            }
            World.LiveShows[s] = show with
            {
                StartedAt = startedAt, EndedAt = endedAt, PeakViewers = peak, TotalViewers = total, OrdersCount = orders,
                Revenue = revenue, Status = "ended",
            };
            Emit("LiveShowEnded", endedAt, show.Channel, new
            {
                LiveShowId = show.Id, PeakViewers = peak, TotalViewers = total, Orders = orders, GrossSales = revenue,
                DurationSeconds = (int)Math.Round(duration * 60),
            });
        }
    }

    private void EarnCommission(string creatorId, OrderRecord order, ChannelDayTally tally)
    {
        var creator = World.Creators.First(c => c.Id == creatorId);
        var amount = SeededDraws.Money(order.Subtotal * creator.CommissionPct / 100m);
        var at = order.PlacedAt.AddMinutes(1);
        World.Commissions.Add(new CreatorCommissionRecord(World.NextCommissionId++, creatorId, order.Id, amount, at, null));
        tally.Commissions += amount;
        Emit("CommissionEarned", at, order.Channel, new
        {
            CreatorId = creatorId, OrderId = order.Id, Amount = amount, CommissionPct = creator.CommissionPct, LiveShowId = order.LiveShowId,
        });
    }

    private void MakePayoutsEligible(DateOnly day)
    {
        var cutoff = Midnight(day);
        var at = _random.TimeOn(day, 0, 3);
        foreach (var creator in World.Creators)
        {
            var due = World.Commissions.Select((c, i) => (c, i))
                .Where(x => x.c.CreatorId == creator.Id && x.c.CreatorPayoutId is null && x.c.EarnedAt < cutoff).ToList();
            if (due.Count == 0) continue;
            var payout = new CreatorPayoutRecord($"pyo_{World.NextPayoutNumber++}", creator.Id, due.Sum(x => x.c.Amount), "eligible", day.AddDays(-1), null);
            World.PayoutIndex[payout.Id] = World.Payouts.Count;
            World.Payouts.Add(payout);
            foreach (var (commission, index) in due) World.Commissions[index] = commission with { CreatorPayoutId = payout.Id };
            Emit("PayoutEligible", at, CreatorChannel(creator), new
            {
                PayoutId = payout.Id, CreatorId = creator.Id, Amount = payout.Amount, Currency = SandboxCatalogue.Currency, PeriodEnd = cutoff,
                Commissions = due.Count,
            });
            Schedule(new PayCreator(Midnight(day.AddDays(2)).AddHours(_random.Between(1, 5)), payout.Id));
        }
    }

    private void PayCreatorStep(PayCreator step)
    {
        var index = World.PayoutIndex[step.PayoutId];
        var payout = World.Payouts[index] = World.Payouts[index] with { Status = "paid", PaidAt = step.At };
        Emit("PayoutApproved", step.At.AddMinutes(-45), "liveshop", new { PayoutId = payout.Id, CreatorId = payout.CreatorId, Amount = payout.Amount, ApprovedBy = "founder@liveshop.local" });
        Emit("PayoutProcessed", step.At, "wise", new { PayoutId = payout.Id, CreatorId = payout.CreatorId, Amount = payout.Amount, Currency = SandboxCatalogue.Currency });
        PostJournal(step.At, $"Creator payout {payout.Id}", "creator_payout", payout.Id, [("2100", payout.Amount, 0m), ("1000", 0m, payout.Amount)]);
    }
}
