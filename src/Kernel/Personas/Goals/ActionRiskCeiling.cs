using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Personas.Goals;

/// <summary>
/// The highest risk level a verdict on each function can reach under the policy's rule shapes (CONTRACTS.md §1);
/// a task is planned at the ceiling of its tools so its approval needs are visible before it runs.
/// </summary>
public static class ActionRiskCeiling
{
    private static readonly IReadOnlyDictionary<string, RiskLevel> Ceilings = new Dictionary<string, RiskLevel>(StringComparer.Ordinal)
    {
        ["publish_listing"] = RiskLevel.L1,
        ["respond_ticket"] = RiskLevel.L1,
        ["pause_ad_set"] = RiskLevel.L1,
        ["reorder_stock"] = RiskLevel.L1,
        ["scale_ad_set"] = RiskLevel.L2,
        ["change_price"] = RiskLevel.L2,
        ["fulfill_order"] = RiskLevel.L2,
        ["pay_supplier"] = RiskLevel.L2,
        ["refund_order"] = RiskLevel.L3,
        ["pay_creator"] = RiskLevel.L3,
        ["change_policy"] = RiskLevel.L3,
        ["modify_account_access"] = RiskLevel.L3,
        ["connect_integration"] = RiskLevel.L3,
    };

    /// <summary>Functions that commit money, so a task using them gets a share of the goal's budget.</summary>
    public static IReadOnlySet<string> Spending { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "scale_ad_set", "reorder_stock", "refund_order", "pay_supplier", "pay_creator",
    };

    /// <summary>The ceiling for one function; read-only functions and L0 actions are L0.</summary>
    public static RiskLevel Of(string function) => Ceilings.GetValueOrDefault(function, RiskLevel.L0);
}
