using LiveShop.Kernel.Policies;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Kernel.Verification.Facts.Live;

/// <summary>How far back the live facts provider reads history, and which ledger accounts hold cash.</summary>
public sealed record LiveFactsOptions
{
    /// <summary>Window of a customer's earlier refunds (the refund rule's trailing 24 h).</summary>
    public TimeSpan CustomerRefundWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Window of budget changes read to find the budget in force back then.</summary>
    public int BudgetLookbackDays { get; init; } = 7;

    /// <summary>Window of price changes read to find the price in force back then.</summary>
    public int PriceLookbackDays { get; init; } = 7;

    /// <summary>Days of ad set metrics whose revenue / spend is the ad set's <c>roas_7d</c>.</summary>
    public int RoasDays { get; init; } = Roas.TrailingDays;

    /// <summary>Window over which the average daily net cash burn is measured.</summary>
    public int BurnDays { get; init; } = CashRunway.BurnDays;

    /// <summary>Window of orders from the same ip or device counted by the fraud hold.</summary>
    public TimeSpan VelocityWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Ledger accounts whose balance is the cash on hand (the chart of accounts' "1000 Cash at bank").</summary>
    public IReadOnlyList<string> CashAccountCodes { get; init; } = CashRunway.CashAccountCodes;

    /// <summary>Windows sized to what <paramref name="policy"/> looks back over, so the rules see every row they count.</summary>
    public static LiveFactsOptions For(BusinessPolicy policy) => new()
    {
        BudgetLookbackDays = policy.Ads.BudgetLookbackDays,
        PriceLookbackDays = policy.Pricing.PriceLookbackDays,
        VelocityWindow = TimeSpan.FromMinutes(policy.Fraud.VelocityWindowMinutes),
    };
}
