using LiveShop.Kernel.Policies;

namespace LiveShop.Kernel.Tests.Policies;

public sealed class PolicyLoaderTests
{
    private static string DefaultYaml()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "policies", "default.yaml")))
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("policies/default.yaml not found above the test output");
        return File.ReadAllText(Path.Combine(directory, "policies", "default.yaml"));
    }

    [Fact]
    public void Default_policy_holds_the_contract_numbers()
    {
        var policy = PolicyLoader.LoadDefault();
        Assert.Equal(100m, policy.Refunds.AutoRefundMax);
        Assert.Equal(500m, policy.Refunds.FounderThreshold);
        Assert.Equal(100m, policy.Refunds.CustomerTrailing24hMax);
        Assert.Equal(15m, policy.Ads.MarginFloorPct);
        Assert.Equal(20m, policy.Ads.BudgetStepPct);
        Assert.Equal(7, policy.Ads.BudgetLookbackDays);
        Assert.Equal(5000m, policy.Ads.DailyCap);
        Assert.Equal(1.0m, policy.Ads.RoasKillSwitch);
        Assert.Equal(10m, policy.Pricing.PriceStepPct);
        Assert.Equal(30m, policy.Inventory.MinRunwayDays);
        Assert.Equal(300m, policy.Fraud.FirstOrderTotalMax);
        Assert.Equal(3, policy.Fraud.MaxOrdersPerIpOrDevice);
        Assert.Equal(60, policy.Fraud.VelocityWindowMinutes);
        Assert.True(policy.Fraud.HoldOnCountryMismatch);
        Assert.Equal(13, policy.Listings.BannedClaims.Count);
        Assert.Equal(["pay_supplier"], policy.Risk.L2Actions);
        Assert.Equal(4, policy.Risk.L3Actions.Count);
        Assert.Equal(10, policy.Proofs.LifetimeMinutes);
        Assert.Matches("^[0-9a-f]{64}$", policy.Version);
    }

    [Fact]
    public void Embedded_default_policy_is_the_same_as_the_file() =>
        Assert.Equal(PolicyLoader.Parse(DefaultYaml(), "policies/default.yaml").Version, PolicyLoader.LoadDefault().Version);

    [Fact]
    public void Policy_version_is_stable_under_comments_whitespace_and_key_order()
    {
        var yaml = DefaultYaml();
        var reformatted = "# reformatted\n" + yaml
            .Replace("  auto_refund_max: 100            # above this a refund needs any approver (L2)\n", "")
            .Replace("refunds:\n", "refunds:\n  auto_refund_max:    100.0   \n")
            .Replace("\n\n", "\n");
        Assert.NotEqual(yaml, reformatted);
        Assert.Equal(PolicyLoader.Parse(yaml, "a").Version, PolicyLoader.Parse(reformatted, "b").Version);
    }

    [Fact]
    public void Policy_version_changes_when_a_number_changes()
    {
        var yaml = DefaultYaml();
        var changed = yaml.Replace("daily_cap: 5000", "daily_cap: 5001");
        Assert.NotEqual(PolicyLoader.Parse(yaml, "a").Version, PolicyLoader.Parse(changed, "b").Version);
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_line()
    {
        var yaml = "refunds:\n  auto_refund_max: 100\n  founder_threshold: [500\n";
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "policies/broken.yaml"));
        Assert.Matches(@"^policies/broken\.yaml:\d+: ", error.Message);
    }

    [Fact]
    public void Unknown_setting_is_refused_with_its_line()
    {
        var yaml = DefaultYaml().Replace("  daily_cap: 5000", "  daily_cap: 5000\n  daily_kap: 6000");
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("daily_kap")) + 1;
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));
        Assert.StartsWith($"p.yaml:{line}: ", error.Message);
        Assert.Contains("ads.daily_kap", error.Message);
    }

    [Fact]
    public void Wrong_type_is_refused_with_its_line()
    {
        var yaml = DefaultYaml().Replace("founder_threshold: 500", "founder_threshold: lots");
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("founder_threshold")) + 1;
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));
        Assert.StartsWith($"p.yaml:{line}: ", error.Message);
        Assert.Contains("refunds.founder_threshold", error.Message);
    }

    [Fact]
    public void Negative_threshold_is_refused()
    {
        var yaml = DefaultYaml().Replace("margin_floor_pct: 15", "margin_floor_pct: -15");
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));
        Assert.Contains("ads.margin_floor_pct", error.Message);
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public void Missing_number_is_refused()
    {
        var yaml = DefaultYaml().Replace("  price_step_pct: 10", "  # price_step_pct removed");
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));
        Assert.Contains("pricing.price_step_pct", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Missing_file_is_refused_naming_the_path()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.LoadFile("/nonexistent/policy.yaml"));
        Assert.StartsWith("/nonexistent/policy.yaml", error.Message);
    }
}
