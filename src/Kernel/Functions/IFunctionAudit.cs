namespace LiveShop.Kernel.Functions;

/// <summary>Why the proof filter refused a function call before it reached the action pipeline.</summary>
public enum RefusalReason
{
    /// <summary>The function has no (valid) declaration.</summary>
    Undeclared,

    /// <summary>The function is outside the calling persona's allowed set.</summary>
    OutsidePersona,

    /// <summary>The kernel carries no caller identity.</summary>
    NoCaller,

    /// <summary>The arguments do not make a valid action packet (missing or mistyped parameter).</summary>
    InvalidArguments,

    /// <summary>The verdict's risk level is above the highest the persona may propose.</summary>
    AbovePersonaCeiling,

    /// <summary>The call's ids or figures come only from untrusted text (quoted, retrieved, a tool result): the user must confirm.</summary>
    NeedsConfirmation,
}

/// <summary>A refused function call, as the audit trail records it.</summary>
public sealed record FunctionRefusal
{
    /// <summary>The qualified function name, <c>Plugin-function</c>.</summary>
    public required string Function { get; init; }

    /// <summary>The plugin, when the function belongs to one.</summary>
    public string? Plugin { get; init; }

    /// <summary>The calling persona, when known.</summary>
    public string? Persona { get; init; }

    /// <summary>The principal the persona acted for, when known.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The model's tool call id, when the call was auto-invoked.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Why it was refused.</summary>
    public required RefusalReason Reason { get; init; }

    /// <summary>The message the model was given.</summary>
    public required string Detail { get; init; }

    /// <summary>The reason as snake_case text for events and logs.</summary>
    public string ReasonCode => Reason switch
    {
        RefusalReason.Undeclared => "undeclared",
        RefusalReason.OutsidePersona => "outside_persona",
        RefusalReason.NoCaller => "no_caller",
        RefusalReason.InvalidArguments => "invalid_arguments",
        RefusalReason.AbovePersonaCeiling => "above_persona_ceiling",
        RefusalReason.NeedsConfirmation => "needs_confirmation",
        _ => Reason.ToString(),
    };
}

/// <summary>Records function calls the proof filter refused, so attempts outside the rules leave a trace.</summary>
public interface IFunctionAudit
{
    /// <summary>Records one refusal.</summary>
    Task RecordRefusalAsync(FunctionRefusal refusal, CancellationToken cancellationToken = default);
}
