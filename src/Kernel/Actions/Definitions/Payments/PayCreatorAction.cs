using System.Text.Json;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Definitions.Payments;

/// <summary>Pays out a creator's commission from cash; its risk class (the founder, always) is fixed by the policy.</summary>
public sealed class PayCreatorAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "pay_creator";

    /// <summary>The one definition.</summary>
    public static PayCreatorAction Definition { get; } = new();

    private PayCreatorAction() : base(ActionName, "Payments",
        "Pays out a creator's commission. Always waits for the founder's approval.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("creator_id", ParameterKind.Id, Description: "The creator id, e.g. cr_1."),
        new("amount", ParameterKind.Money, Description: "The amount to pay in the store currency."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L3;
    /// <inheritdoc />
    public override bool Spends => true;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["PayoutProcessed", "LedgerEntryCreated"];
    /// <inheritdoc />
    public override string IrreversibleBecause => "money paid out cannot be recalled";
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Payments, IntegrationFamily.Accounting];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["pay the creator their commission", "send the influencer payout", "pay cr_4 for the videos"],
        ["creator", "influencer", "commission", "payout", "ugc"]);

    /// <summary>Payments spend the cash a reorder's runway check reads.</summary>
    public override IReadOnlyList<LimitedEntity> LimitedEntities(JsonElement parameters) => [Limits.LimitedEntities.Cash];
}
