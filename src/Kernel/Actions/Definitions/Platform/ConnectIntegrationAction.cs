using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Definitions.Platform;

/// <summary>
/// The founder connecting (or, with disconnect, disconnecting) a configured integration: real money and real customers
/// from then on, so L3 in the policy; the executor checks the id.
/// </summary>
public sealed class ConnectIntegrationAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "connect_integration";

    /// <summary>The one definition.</summary>
    public static ConnectIntegrationAction Definition { get; } = new();

    private ConnectIntegrationAction() : base(ActionName, "Integrations",
        "Asks the founder to let agents act through an integration whose credentials are configured (real money, real customers). " +
        "With disconnect=true it goes back: its actions are refused until connected again. Always waits for the founder.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("integration_id", ParameterKind.Id, Description: "The integration id from list_integrations, e.g. 'stripe'."),
        new("disconnect", ParameterKind.Flag, Required: false, Description: "true to disconnect instead of connect."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskCeiling => RiskLevel.L3;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["IntegrationConnected", "IntegrationDisconnected"];
    /// <summary>Connecting or disconnecting back.</summary>
    public override string? UndoneBy => ActionName;
}
