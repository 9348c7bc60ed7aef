using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Definitions.Support;

/// <summary>Answers a customer on a support ticket; its risk class is fixed by the policy.</summary>
public sealed class RespondTicketAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "respond_ticket";

    /// <summary>The one definition.</summary>
    public static RespondTicketAction Definition { get; } = new();

    private RespondTicketAction() : base(ActionName, "Support",
        "Sends a reply to the customer on a support ticket.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("ticket_id", ParameterKind.Id, Description: "The ticket id, e.g. t_1."),
        new("message", ParameterKind.Text, Description: "The reply to send to the customer."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L1;
    /// <inheritdoc />
    public override string IrreversibleBecause => "a sent message cannot be unsent";
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Support];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["reply to the customer's support ticket", "answer ticket t_8 and tell them it shipped", "respond to the complaint"],
        ["reply", "respond", "answer", "tell the customer", "write back"]);
}
