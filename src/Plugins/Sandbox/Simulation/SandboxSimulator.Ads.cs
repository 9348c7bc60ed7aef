using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Sandbox.Simulation;

// Paid traffic: each active ad set spends its budget, buys clicks with diminishing returns and brings orders;
// an optimiser reviews the trailing week and scales, trims or pauses.
public sealed partial class SandboxSimulator
{
    private void RunAds(DateOnly day)
    {
        foreach (var adSet in World.AdSets.ToList())
        {
            if (adSet.Status != "active") continue;
            var platform = PlatformOf(adSet);
            var product = Product(adSet.ProductId);
            var traits = TraitsOf(adSet.ProductId);
            if (adSet.DailyBudget <= 0) continue;
            var exhausted = _random.Chance(0.18);
            var spend = exhausted ? adSet.DailyBudget : SeededDraws.Money((double)adSet.DailyBudget * _random.Between(0.82, 0.99));
            var (impressions, clicks) = DemandModel.AdReach(platform, (double)spend, _random.Between(0.85, 1.2) * CpmFactor(platform, day));
            var clickCount = _random.Poisson(clicks);
            var channel = DemandModel.LandingChannel(platform);
            var conversion = DemandModel.Conversion(DemandModel.OrganicBaseConversion(channel) * DemandModel.PurchaseIntent(platform), traits, product.Price) * DemandFactor(product, day);
            var wanted = _random.Poisson(clickCount * conversion);
            var orders = 0;
            var revenue = 0m;
            for (var i = 0; i < wanted; i++)
            {
                var at = _random.TimeOn(day, 0, 24);
                var buyer = ChooseBuyer(at);
                var order = PlaceOrder(new Purchase(channel, at, buyer, ShippingCountryFor(buyer), BasketWith(product)));
                if (order is null || order.Status == "cancelled") continue;
                orders++;
                revenue += order.Total;
            }
            World.AdMetrics.Add(new AdSetDailyMetricRecord(adSet.Id, day, spend, (int)Math.Round(impressions), clickCount, orders, revenue));
            _dayAdSpend += spend;
            if (exhausted)
                Emit("BudgetExhausted", _random.TimeOn(day, 15, 23.9), platform, new
                {
                    AdSetId = adSet.Id, CampaignId = adSet.CampaignId, DailyBudget = adSet.DailyBudget, Spent = spend,
                });
        }
    }

    private void ReviewAdSets(DateOnly day)
    {
        var days = DayWindow.Trailing(day, Roas.TrailingDays);
        for (var i = 0; i < World.AdSets.Count; i++)
        {
            var adSet = World.AdSets[i];
            if (adSet.Status != "active" || (day.DayNumber + i) % 3 != 0) continue;
            var week = World.AdMetrics.Where(m => m.AdSetId == adSet.Id && days.Contains(m.Date)).ToList();
            if (week.Count < days.Days) continue;
            // No spend reads as 0, as the verifier's kill switch reads it.
            var roas = Roas.Of(week.Sum(m => m.Revenue), week.Sum(m => m.Spend)) ?? 0m;
            var platform = PlatformOf(adSet);
            var at = _random.TimeOn(day, 22, 23.5);
            if (roas < 0.75m)
            {
                World.AdSets[i] = adSet with { Status = "paused" };
                Emit("AdSetPaused", at, platform, new { AdSetId = adSet.Id, Reason = "roas_below_kill_switch", Roas7d = Math.Round(roas, 2) });
                continue;
            }
            var factor = roas > 2.4m && adSet.DailyBudget < 500 ? 1.15m : roas < 1.3m ? 0.85m : 1m;
            if (factor == 1m) continue;
            var newBudget = Math.Round(adSet.DailyBudget * factor, 0);
            var changedBy = _random.Chance(0.2) ? "founder@liveshop.local" : "agent:ads_optimizer";
            World.BudgetChanges.Add(new AdSetBudgetChangeRecord(World.NextBudgetChangeId++, adSet.Id, adSet.DailyBudget, newBudget, at, changedBy));
            World.AdSets[i] = adSet with { DailyBudget = newBudget };
            Emit("AdSetScaled", at, platform, new
            {
                AdSetId = adSet.Id, FromBudget = adSet.DailyBudget, ToBudget = newBudget, Roas7d = Math.Round(roas, 2), ChangedBy = changedBy,
            });
        }
    }

    private string PlatformOf(AdSetRecord adSet) => World.Campaigns.First(c => c.Id == adSet.CampaignId).Platform;
}
