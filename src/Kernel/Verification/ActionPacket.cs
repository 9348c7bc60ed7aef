using System.Text.Json;
using LiveShop.Memory.Serialization;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Kernel.Verification;

/// <summary>An action an agent proposes, as the verify contract writes it; <see cref="Evidence"/> is recorded, never trusted.</summary>
public sealed record ActionPacket
{
    /// <summary>Identity of this proposal; assigned when the caller gave none.</summary>
    public string ActionId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The action name, e.g. <see cref="RefundOrderAction"/>.</summary>
    public required string ProposedAction { get; init; }

    /// <summary>The persona that proposes the action.</summary>
    public string? Agent { get; init; }

    /// <summary>The action's parameters (a JSON object).</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>What the agent claims in support; kept for the audit trail only.</summary>
    public JsonElement? Evidence { get; init; }

    /// <summary>Lets the gateway execute the action at most once.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Principal that proposes the action, e.g. <c>agent:ads_optimizer</c>.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The signed-in person an agent acts for (the user of the conversation), when there is one.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>Builds a packet from any serialisable parameters object (anonymous objects and dictionaries included).</summary>
    public static ActionPacket Create(string proposedAction, object parameters, string? actionId = null) => new()
    {
        ActionId = actionId ?? Guid.NewGuid().ToString(),
        ProposedAction = proposedAction,
        Parameters = JsonSerializer.SerializeToElement(parameters, JsonDefaults.Options),
    };
}
