using System.Text.Json;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Definitions.Payments;

/// <summary>Pays a supplier from cash; its risk class (an approver, always) is fixed by the policy.</summary>
public sealed class PaySupplierAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "pay_supplier";

    /// <summary>The one definition.</summary>
    public static PaySupplierAction Definition { get; } = new();

    private PaySupplierAction() : base(ActionName, "Payments",
        "Pays a supplier. Always waits for a human approval.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("supplier_id", ParameterKind.Id, Description: "The supplier id, e.g. s_1."),
        new("amount", ParameterKind.Money, Description: "The amount to pay in the store currency."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L2;
    /// <inheritdoc />
    public override bool Spends => true;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["LedgerEntryCreated"];
    /// <inheritdoc />
    public override string IrreversibleBecause => "money paid out cannot be recalled";
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Payments, IntegrationFamily.Accounting];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["pay the supplier's invoice", "send a payment to supplier s_3", "settle what we owe the manufacturer"],
        ["supplier", "invoice", "manufacturer", "vendor", "factory"]);

    /// <summary>Payments spend the cash a reorder's runway check reads.</summary>
    public override IReadOnlyList<LimitedEntity> LimitedEntities(JsonElement parameters) => [Limits.LimitedEntities.Cash];
}
