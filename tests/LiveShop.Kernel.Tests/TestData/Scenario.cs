using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;

namespace LiveShop.Kernel.Tests.TestData;

/// <summary>A small business with healthy defaults; tests change one fact and verify one action.</summary>
internal sealed class Scenario
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public FinanceFacts Finance { get; set; } = new() { CashBalance = 100_000m, AvgDailyNetBurn = 1_000m };

    // Margin at roas 4: 100 × (100 − 30 − 5 − 5 − 25) / 100 = 35 %.
    public List<ProductFact> Products { get; } =
        [new() { Id = "p_1", Title = "Glow serum", Price = 100m, UnitCost = 30m, ShippingCost = 5m, FeesPct = 5m, Stock = 120 }];

    public List<AdSetFact> AdSets { get; } =
        [new() { Id = "as_7", ProductId = "p_1", DailyBudget = 500m, Roas7d = 4m, Status = "active" }];

    public List<OrderFact> Orders { get; } =
    [
        new()
        {
            Id = "o_1", CustomerId = "c_1", Total = 1_000m, PlacedAt = AsOf.AddDays(-2), Ip = "10.0.0.1", DeviceId = "d_1",
            BillingCountry = "AU", ShippingCountry = "AU", FirstOrder = false, RefundedAmount = 0m,
        },
    ];

    public List<RefundFact> Refunds { get; } = [];

    public List<BudgetChangeFact> BudgetChanges { get; } = [];

    public List<PriceChangeFact> PriceChanges { get; } = [];

    public BusinessPolicy Policy { get; set; } = PolicyLoader.LoadDefault();

    public StateSnapshot Snapshot() => new()
    {
        AsOf = AsOf,
        Finance = Finance,
        Products = Products.ToList(),
        AdSets = AdSets.ToList(),
        Orders = Orders.ToList(),
        Refunds = Refunds.ToList(),
        BudgetChanges = BudgetChanges.ToList(),
        PriceChanges = PriceChanges.ToList(),
    };

    public Verdict Verify(string action, object parameters) =>
        Verifier.Evaluate(Policy, BusinessFacts.From(Snapshot()), ActionPacket.Create(action, parameters), AsOf);

    public void ReplaceAdSet(Func<AdSetFact, AdSetFact> change) => AdSets[0] = change(AdSets[0]);

    public void ReplaceProduct(Func<ProductFact, ProductFact> change) => Products[0] = change(Products[0]);

    public void ReplaceOrder(Func<OrderFact, OrderFact> change) => Orders[0] = change(Orders[0]);

    public OrderFact AddOrder(string id, DateTimeOffset placedAt, string ip = "10.9.9.9", string device = "d_other")
    {
        var order = Orders[0] with { Id = id, PlacedAt = placedAt, Ip = ip, DeviceId = device, CustomerId = "c_" + id };
        Orders.Add(order);
        return order;
    }
}

internal static class VerdictAssertions
{
    public static InvariantCheck Check(this Verdict verdict, string id) =>
        Assert.Single(verdict.Proof.InvariantChecks, c => c.Id == id);

    public static void IsAllowed(this Verdict verdict, RiskLevel level)
    {
        Assert.True(verdict.Decision == Decision.Allow, $"expected allow, got {verdict.Decision}: {string.Join("; ", verdict.Reasons)}");
        Assert.Equal(level, verdict.RiskLevel);
        Assert.Equal(Approver.None, verdict.Approver);
        Assert.Empty(verdict.Reasons);
    }

    public static void NeedsApproval(this Verdict verdict, RiskLevel level)
    {
        Assert.True(verdict.Decision == Decision.RequireApproval, $"expected require_approval, got {verdict.Decision}: {string.Join("; ", verdict.Reasons)}");
        Assert.Equal(level, verdict.RiskLevel);
        Assert.Equal(level == RiskLevel.L3 ? Approver.Founder : Approver.AnyApprover, verdict.Approver);
        Assert.NotEmpty(verdict.Reasons);
    }

    public static void IsDenied(this Verdict verdict, string failedCheck)
    {
        Assert.True(verdict.Decision == Decision.Deny, $"expected deny, got {verdict.Decision} {verdict.RiskLevel}");
        Assert.Equal(Approver.None, verdict.Approver);
        Assert.Equal(CheckStatus.Fail, verdict.Check(failedCheck).Status);
        Assert.NotEmpty(verdict.Reasons);
    }
}
