using System.Globalization;
using System.Text.RegularExpressions;
using LiveShop.Kernel.Policies;

namespace LiveShop.Kernel.Tests.Policies;

/// <summary>
/// The starter knowledge documents (docs/knowledge) are what agents answer customers and staff from: every threshold they
/// state next to a known phrase must be the number the policy in force enforces, so the written policy and the enforced
/// one cannot drift apart. A phrase that disappears fails too, so a rewording is noticed and the pattern updated.
/// </summary>
public sealed class KnowledgeDocumentsAgreeWithPolicyTests
{
    private static readonly BusinessPolicy Policy = PolicyLoader.LoadDefault();

    /// <summary>One stated threshold: where, the phrase with the number as group 1, and the number the policy says.</summary>
    public sealed record StatedThreshold(string Document, string Pattern, decimal Policy, string Setting)
    {
        public override string ToString() => $"{Document}: {Setting}";
    }

    private static decimal Flag(bool value) => value ? 1m : 0m;

    public static TheoryData<StatedThreshold> Thresholds => new()
    {
        new("refund-policy.md", @"may refund up to \$(\d[\d,]*) per refund without approval", Policy.Refunds.AutoRefundMax, "refunds.auto_refund_max"),
        new("refund-policy.md", @"A refund above \$(\d[\d,]*), or", Policy.Refunds.AutoRefundMax, "refunds.auto_refund_max"),
        new("refund-policy.md", @"refunds in the trailing 24 hours above \$(\d[\d,]*)", Policy.Refunds.CustomerTrailing24hMax, "refunds.customer_trailing_24h_max"),
        new("refund-policy.md", @"Any refund above \$(\d[\d,]*) needs the founder", Policy.Refunds.FounderThreshold, "refunds.founder_threshold"),
        new("refund-policy.md", @"billing and shipping countries differ (needs approval)", Flag(Policy.Refunds.HoldOnCountryMismatch), "refunds.hold_on_country_mismatch"),
        new("creative-playbook.md", @"by no more than (\d+)% of its daily budget", Policy.Ads.BudgetStepPct, "ads.budget_step_pct"),
        new("creative-playbook.md", @"7-day ROAS falls below (\d+(?:\.\d+)?)", Policy.Ads.RoasKillSwitch, "ads.roas_kill_switch"),
        new("creative-playbook.md", @"under the \$(\d[\d,]*) daily cap", Policy.Ads.DailyCap, "ads.daily_cap"),
        new("live-show-runbook.md", @"clears the (\d+)% margin floor", Policy.Ads.MarginFloorPct, "ads.margin_floor_pct"),
        new("live-show-runbook.md", @"a price change of more than (\d+)%", Policy.Pricing.PriceStepPct, "pricing.price_step_pct"),
        new("live-show-runbook.md", @"or the price (\d+) days ago", Policy.Pricing.PriceLookbackDays, "pricing.price_lookback_days"),
        new("3pl-sops.md", @"first order over \$(\d[\d,]*)", Policy.Fraud.FirstOrderTotalMax, "fraud.first_order_total_max"),
        new("3pl-sops.md", @"more than (\w+) orders from one IP address or device", Policy.Fraud.MaxOrdersPerIpOrDevice, "fraud.max_orders_per_ip_or_device"),
        new("3pl-sops.md", @"orders from one IP address or device within (an hour)", Policy.Fraud.VelocityWindowMinutes, "fraud.velocity_window_minutes"),
        new("3pl-sops.md", @"(billing country different from shipping country)", Flag(Policy.Fraud.HoldOnCountryMismatch), "fraud.hold_on_country_mismatch"),
        new("supplier-onboarding.md", @"Every supplier payment (needs approval from any approver)", Flag(Policy.Risk.L2Actions.Contains("pay_supplier")), "risk.l2_actions has pay_supplier"),
    };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void A_threshold_stated_in_a_starter_document_is_the_one_the_policy_enforces(StatedThreshold stated)
    {
        var text = Regex.Replace(File.ReadAllText(Path.Combine(KnowledgeFolder(), stated.Document)), @"\s+", " ");
        var matches = Regex.Matches(text, stated.Pattern);
        Assert.True(matches.Count > 0, $"{stated.Document} no longer says '{stated.Pattern}'; update the document or this test");
        foreach (Match match in matches)
            Assert.True(Number(match.Groups[1].Value) == stated.Policy,
                $"{stated.Document} says '{match.Value}', but the policy has {stated.Setting} = {stated.Policy.ToString(CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public void The_refund_policy_no_longer_asks_people_to_flag_what_the_verifier_now_holds()
    {
        var text = File.ReadAllText(Path.Combine(KnowledgeFolder(), "refund-policy.md"));
        Assert.DoesNotContain("or when the billing and shipping countries differ", text);
    }

    // Words and phrases the documents use for numbers; a stated phrase with no number counts as 1 (the rule is stated).
    private static decimal Number(string text) => text.ToLowerInvariant() switch
    {
        "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "an hour" => 60,
        var digits when decimal.TryParse(digits.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) => value,
        _ => 1,
    };

    private static string KnowledgeFolder()
    {
        var directory = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(directory, "docs", "knowledge")))
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("docs/knowledge not found above the test output");
        return Path.Combine(directory, "docs", "knowledge");
    }
}
