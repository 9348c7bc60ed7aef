using System.Text.Json;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Kernel.Orchestration;

/// <summary>One action a chat turn proposed, as CONTRACTS.md §2 <c>actions</c> reports it (snake_case with <c>JsonDefaults</c>).</summary>
public sealed record ChatAction
{
    /// <summary>The contract action name (e.g. <see cref="RefundOrderAction"/>), or the bare function name of a refused call.</summary>
    public required string Function { get; init; }

    /// <summary>The action's parameters as verified, or the model's arguments of a refused call.</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary><c>allow</c>, <c>require_approval</c> or <c>deny</c>.</summary>
    public required string Decision { get; init; }

    /// <summary><c>L0</c>–<c>L3</c> from the verdict; null when the call was refused before verification.</summary>
    public string? RiskLevel { get; init; }

    /// <summary><c>executed</c>, <c>awaiting_approval</c>, <c>denied</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The approval request of an action that waits for one.</summary>
    public Guid? ApprovalId { get; init; }

    /// <summary>The packet's action id, when the call reached the pipeline.</summary>
    public string? ActionId { get; init; }

    /// <summary>The qualified function the model called, <c>Plugin-function</c>.</summary>
    public required string CalledAs { get; init; }

    /// <summary>What the model was told.</summary>
    public required string Message { get; init; }

    /// <summary>The signed verdict with its invariant checks, for surfaces that show them (not part of the contract's JSON).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Verdict? Verdict { get; init; }
}

/// <summary>Maps what the proof filter journaled during a turn to the contract's <c>actions</c>.</summary>
public static class ChatActions
{
    private static readonly JsonElement NoArguments = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// One action per journal record, in call order; <paramref name="argumentsByToolCall"/> supplies the model's
    /// arguments for calls refused before a packet was built.
    /// </summary>
    public static IReadOnlyList<ChatAction> FromJournal(IEnumerable<FunctionCallRecord> records, IReadOnlyDictionary<string, JsonElement>? argumentsByToolCall = null) =>
        [.. records.Select(r => From(r, argumentsByToolCall))];

    /// <summary>The contract action of one journal record.</summary>
    public static ChatAction From(FunctionCallRecord record, IReadOnlyDictionary<string, JsonElement>? argumentsByToolCall = null)
    {
        if (record.Outcome is { } outcome)
        {
            return new ChatAction
            {
                Function = record.Action ?? outcome.Packet.ProposedAction,
                Arguments = outcome.Packet.Parameters,
                Decision = DecisionCode(outcome.Verdict.Decision),
                RiskLevel = outcome.Verdict.RiskLevel.ToString(),
                Status = StatusCode(outcome.Status),
                ApprovalId = outcome.ApprovalId,
                ActionId = outcome.Packet.ActionId,
                CalledAs = record.Function,
                Message = record.Message,
                Verdict = outcome.Verdict,
            };
        }
        var arguments = record.Refusal?.ToolCallId is { } id && argumentsByToolCall is not null && argumentsByToolCall.TryGetValue(id, out var found)
            ? found
            : NoArguments;
        return new ChatAction
        {
            Function = BareName(record.Function),
            Arguments = arguments,
            Decision = "deny",
            Status = "denied",
            CalledAs = record.Function,
            Message = record.Message,
        };
    }

    /// <summary>The contract spelling of a decision.</summary>
    public static string DecisionCode(Decision decision) => decision switch
    {
        Verification.Decision.Allow => "allow",
        Verification.Decision.RequireApproval => "require_approval",
        _ => "deny",
    };

    /// <summary>The contract spelling of an action status.</summary>
    public static string StatusCode(ActionStatus status) => status switch
    {
        ActionStatus.Executed => "executed",
        ActionStatus.AwaitingApproval => "awaiting_approval",
        ActionStatus.Failed => "failed",
        _ => "denied",
    };

    private static string BareName(string qualified)
    {
        var dash = qualified.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? qualified : qualified[(dash + 1)..];
    }
}
