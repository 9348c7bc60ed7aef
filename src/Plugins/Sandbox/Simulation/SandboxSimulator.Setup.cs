namespace LiveShop.Plugins.Sandbox.Simulation;

// The world as it stands before the first simulated day, and the launches that happen on given days.
public sealed partial class SandboxSimulator
{
    private static readonly string[] Countries = ["AU", "US", "NZ", "GB"];
    private static readonly double[] CountryWeights = [0.84, 0.07, 0.06, 0.03];

    private void BuildCatalogue(int productCount)
    {
        var start = Midnight(World.StartDate);
        foreach (var (email, name, role) in SandboxCatalogue.Users)
            World.Users.Add(new UserRecord(_random.NextGuid(), email, name, role, start.AddDays(-120), Disabled: false));

        for (var i = 0; i < SandboxCatalogue.Suppliers.Count; i++)
        {
            var s = SandboxCatalogue.Suppliers[i];
            World.Suppliers.Add(new SupplierRecord($"s_{i + 1}", s.Name, s.Country, s.LeadTimeDays, s.OnTimeRate, "active"));
        }

        var meanPopularity = SandboxCatalogue.Products.Average(p => p.Popularity);
        for (var i = 0; i < productCount; i++)
        {
            var t = i < SandboxCatalogue.Products.Count ? SandboxCatalogue.Products[i] : Variant(i);
            var id = $"p_{i + 1}";
            var supplier = World.Suppliers[t.SupplierIndex];
            // The seed moves the hidden traits a little so different seeds are different businesses.
            var quality = Math.Clamp(t.Quality + _random.Between(-0.06, 0.06), 0.3, 0.98);
            var elasticity = t.Elasticity * _random.Between(0.9, 1.1);
            var popularity = t.Popularity * _random.Between(0.85, 1.15);
            var dailyDemand = 3.0 * popularity / meanPopularity;
            var reorderPoint = (int)Math.Ceiling(dailyDemand * (supplier.LeadTimeDays + 6));
            var stock = (int)Math.Round(dailyDemand * _random.Between(supplier.LeadTimeDays + 10, supplier.LeadTimeDays + 40));
            World.ProductIndex[id] = World.Products.Count;
            World.Products.Add(new ProductRecord(id, $"LS-{t.Category[..3].ToUpperInvariant()}-{i + 1:000}", t.Title, t.Category,
                t.Price, t.UnitCost, t.ShippingCost, t.PlatformFeePct, stock, reorderPoint, supplier.Id, "active",
                start.AddDays(-_random.Next(60, 200))));
            World.Traits.Add(new HiddenProductTraits(quality, elasticity, popularity, t.Price * (decimal)_random.Between(0.95, 1.1)));
        }

        foreach (var creator in SandboxCatalogue.Creators) World.AudienceByCreator[creator.Handle] = creator.AudienceSize;

        // Fraud bursts land on a few days after the first week.
        var days = (int)(3 + _random.Next(2));
        for (var i = 0; i < days; i++) World.FraudBurstDays.Add(World.StartDate.AddDays(_random.Next(7, 90)));
    }

    /// <summary>A further product for a larger catalogue: a priced and costed variant of a standard one.</summary>
    private ProductTemplate Variant(int index)
    {
        var t = SandboxCatalogue.Products[index % SandboxCatalogue.Products.Count];
        var factor = (decimal)_random.Between(0.8, 1.3);
        return t with
        {
            Title = $"{t.Title} — Edition {index / SandboxCatalogue.Products.Count + 1}",
            Price = Math.Round(t.Price * factor, 0) - 0.01m,
            UnitCost = SeededDraws.Money(t.UnitCost * factor),
            Quality = Math.Clamp(t.Quality + _random.Between(-0.12, 0.12), 0.3, 0.98),
            Popularity = t.Popularity * _random.Between(0.6, 1.2),
        };
    }

    private void OpenTheBooks(DateOnly day)
    {
        var at = Midnight(day);
        foreach (var product in World.Products)
        {
            var channels = World.Traits[World.ProductIndex[product.Id]].Popularity > 0.75
                ? SandboxCatalogue.Channels
                : SandboxCatalogue.Channels.Take(2).ToList();
            foreach (var channel in channels)
            {
                var listing = new ListingRecord($"li_{World.Listings.Count + 1}", product.Id, channel, $"{channel}-{_random.Hex(10)}",
                    product.Title, $"{product.Title} — fast shipping from Australia, 30-day returns.", product.Price, "active",
                    at.AddHours(1 + World.Listings.Count * 0.01));
                World.Listings.Add(listing);
                Emit("ListingPublished", listing.PublishedAt, channel, new
                {
                    ListingId = listing.Id, ProductId = product.Id, Channel = channel, Title = listing.Title, Price = listing.Price,
                });
            }
        }

        var cash = 60000m;
        var inventory = World.Products.Sum(p => p.Stock * p.UnitCost);
        PostJournal(at, "Opening balances", "opening", "books", [("1000", cash, 0m), ("1200", inventory, 0m), ("3000", 0m, cash + inventory)]);
    }

    private void OnboardCreators(DateOnly day, int dayNumber)
    {
        for (var i = 0; i < SandboxCatalogue.Creators.Count; i++)
        {
            var t = SandboxCatalogue.Creators[i];
            if (t.OnboardDay != dayNumber) continue;
            var at = _random.TimeOn(day, 0, 6);
            var creator = new CreatorRecord($"cr_{i + 1}", t.Handle, t.Platform, t.Tier, t.CommissionPct, "active", at);
            World.Creators.Add(creator);
            Emit("CreatorOnboarded", at, CreatorChannel(creator), new
            {
                CreatorId = creator.Id, Handle = creator.Handle, Platform = creator.Platform, Tier = creator.Tier,
                CommissionPct = creator.CommissionPct,
            });
        }
    }

    private void LaunchCampaigns(DateOnly day, int dayNumber)
    {
        for (var c = 0; c < SandboxCatalogue.Campaigns.Count; c++)
        {
            var t = SandboxCatalogue.Campaigns[c];
            if (t.LaunchDay != dayNumber) continue;
            var at = _random.TimeOn(day, 0, 2);
            var campaign = new AdCampaignRecord($"cmp_{c + 1}", t.Platform, t.Name, t.Objective, "active", at);
            World.Campaigns.Add(campaign);
            Emit("CampaignLaunched", at, t.Platform, new
            {
                CampaignId = campaign.Id, Platform = t.Platform, Channel = t.Platform, Name = t.Name, Objective = t.Objective,
                DailyBudget = t.AdSets.Sum(a => a.Budget),
            });
            foreach (var (productIndex, budget) in t.AdSets)
            {
                var product = World.Products[productIndex];
                var adSet = new AdSetRecord($"as_{World.AdSets.Count + 1}", campaign.Id, product.Id, $"{t.Name} — {product.Title}",
                    budget, "active", at);
                World.AdSetIndex[adSet.Id] = World.AdSets.Count;
                World.AdSets.Add(adSet);
                Emit("CreativeApproved", at.AddMinutes(5), t.Platform, new
                {
                    CreativeId = $"cv_{World.AdSets.Count}", AdSetId = adSet.Id, Platform = t.Platform, ProductId = product.Id,
                    ApprovedBy = "agent:creative_director",
                });
            }
        }
    }

    private CustomerProfile NewCustomer(DateTimeOffset at, string? country = null)
    {
        country ??= Countries[_random.PickWeighted(CountryWeights)];
        var first = _random.Pick(SandboxCatalogue.FirstNames);
        var last = _random.Pick(SandboxCatalogue.LastNames);
        var id = $"c_{World.Customers.Count + 1}";
        var email = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{World.Customers.Count + 1}@example.com";
        World.Customers.Add(new CustomerRecord(id, email, $"{first} {last}", country, at));
        var profile = new CustomerProfile(id, country, RandomIp(country), $"dev_{_random.Hex(12)}");
        World.Profiles.Add(profile);
        return profile;
    }

    private string RandomIp(string country)
    {
        var first = country switch { "AU" => _random.Pick(new[] { 1, 101, 110, 120, 203 }), "NZ" => 122, "US" => _random.Pick(new[] { 23, 64, 73 }), _ => 81 };
        return $"{first}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}";
    }

    private static string CreatorChannel(CreatorRecord creator) => creator.Platform == "youtube" ? "youtube" : "tiktok_shop";
}
