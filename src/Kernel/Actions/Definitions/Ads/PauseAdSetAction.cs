using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Definitions.Ads;

/// <summary>Stops an ad set spending; its risk class is fixed by the policy.</summary>
public sealed class PauseAdSetAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "pause_ad_set";

    /// <summary>The one definition.</summary>
    public static PauseAdSetAction Definition { get; } = new();

    private PauseAdSetAction() : base(ActionName, "Ads",
        "Pauses an ad set so it stops spending.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } = [new("ad_set_id", ParameterKind.Id, Description: "The ad set id, e.g. as_5.")];
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L1;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["AdSetPaused"];
    /// <summary>Resuming it, verified against the daily cap like any resume.</summary>
    public override string? UndoneBy => ResumeAdSetAction.ActionName;
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Advertising];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["pause the ad set", "stop running ads on as_4", "turn off that ad set"],
        ["pause", "turn off", "switch off", "stop", "kill the ad", "halt"]);
}
