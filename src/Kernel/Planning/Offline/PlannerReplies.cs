using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Provenance;
using LiveShop.Kernel.Verification;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>
/// The planner's words: clarifying questions, and replies that state exactly what a function result said — executed,
/// awaiting approval (with the approval id and who must approve), denied or refused (with the reasons), or the figures
/// a read-only function returned. Never claims an execution the result does not report.
/// </summary>
public static class PlannerReplies
{
    /// <summary>The question when no function matches well.</summary>
    public static string NothingMatches(IReadOnlyList<ScoredFunction> ranking) =>
        "I'm not sure what you'd like me to do. I can: "
        + string.Join("; ", ranking.Take(6).Select(s => Spoken(s.Function))) + ". Could you rephrase with the details (ids, amounts)?";

    /// <summary>The answer when the message is only quoted or reported text, with no instruction of the user's own.</summary>
    public const string OnlyQuotedText =
        "That is quoted text, which I treat as information, not as instructions. What would you like me to do about it? Nothing has been done.";

    /// <summary>The question when two functions are about equally likely.</summary>
    public static string WhichOne(KernelFunction first, KernelFunction second) =>
        $"Did you mean to {Spoken(first)} or to {Spoken(second)}? Please say which, with the details.";

    /// <summary>The question when required arguments are missing.</summary>
    public static string AskFor(KernelFunction function, IReadOnlyList<MissingArgument> missing)
    {
        var needs = missing.Select(m => string.IsNullOrWhiteSpace(m.Description) ? m.Parameter.Replace('_', ' ') : $"{m.Parameter.Replace('_', ' ')} ({m.Description.TrimEnd('.')})");
        var hint = missing.Select(m => m.Hint).FirstOrDefault(h => h is not null);
        return $"To {Spoken(function)} I need {string.Join(" and ", needs)}."
            + (hint is null ? "" : $" ({hint}: please give the exact figure.)")
            + " Nothing has been done yet.";
    }

    /// <summary>The reply after a call: what the result says happened, in plain language.</summary>
    public static string AfterCall(KernelFunction function, IReadOnlyDictionary<string, object> arguments, FunctionResult? result)
    {
        var call = $"{function.Name} ({Arguments(arguments)})";
        if (ProofFilter.OutcomeOf(result) is { } outcome) return AfterAction(call, outcome);

        var text = UntrustedContent.Unwrap(result?.GetValue<object>()?.ToString() ?? "");
        if (text.StartsWith("refused:", StringComparison.Ordinal) || text.StartsWith("needs confirmation:", StringComparison.Ordinal)) return $"I could not do that: {text}";
        return $"From {function.Name}{(arguments.Count == 0 ? "" : $" ({Arguments(arguments)})")}:\n{ReadableResult(text)}";
    }

    private static string AfterAction(string call, ActionOutcome outcome)
    {
        var reasons = outcome.Verdict.Reasons.Count > 0 ? string.Join("; ", outcome.Verdict.Reasons) : outcome.Message;
        return outcome.Status switch
        {
            ActionStatus.Executed =>
                $"Executed {call}: {outcome.Message} (action id {outcome.Packet.ActionId}"
                + (outcome.ConnectorReference is null ? "" : $", reference {outcome.ConnectorReference}") + ").",
            ActionStatus.AwaitingApproval =>
                $"Not executed yet: {call} is awaiting approval by {Approver(outcome.Verdict.Approver)} "
                + $"(approval id {outcome.ApprovalId}, risk {outcome.Verdict.RiskLevel}). Why: {reasons}.",
            ActionStatus.Denied => $"Not done: {call} was denied. Why: {reasons}.",
            ActionStatus.Failed => $"Not done: {call} was allowed but failed: {outcome.Message}.",
            _ => $"{call}: {outcome.Status} — {outcome.Message}.",
        };
    }

    /// <summary>A read-only result as plain lines: JSON objects as "name: value", lists one item a line.</summary>
    public static string ReadableResult(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var builder = new StringBuilder();
            Write(builder, document.RootElement, "");
            return builder.ToString().TrimEnd();
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static void Write(StringBuilder builder, JsonElement element, string indent)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        builder.Append(indent).Append(Label(property.Name)).AppendLine(":");
                        Write(builder, property.Value, indent + "  ");
                    }
                    else builder.Append(indent).Append(Label(property.Name)).Append(": ").AppendLine(Scalar(property.Value));
                }
                break;
            case JsonValueKind.Array:
                if (element.GetArrayLength() == 0) builder.Append(indent).AppendLine("(none)");
                foreach (var item in element.EnumerateArray())
                {
                    builder.Append(indent).Append("- ");
                    builder.AppendLine(item.ValueKind == JsonValueKind.Object
                        ? string.Join(", ", item.EnumerateObject().Select(p => $"{Label(p.Name)} {Scalar(p.Value)}"))
                        : Scalar(item));
                }
                break;
            default:
                builder.Append(indent).AppendLine(Scalar(element));
                break;
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "n/a",
        JsonValueKind.Array or JsonValueKind.Object => value.GetRawText(),
        _ => value.GetRawText(),
    };

    private static string Label(string name) => name.Replace('_', ' ');

    private static string Arguments(IReadOnlyDictionary<string, object> arguments) =>
        string.Join(", ", arguments.Select(a => $"{a.Key} {Convert.ToString(a.Value, CultureInfo.InvariantCulture)}"));

    private static string Spoken(KernelFunction function) => function.Name.Replace('_', ' ');

    private static string Approver(Approver approver) => approver switch
    {
        Verification.Approver.Founder => "the founder",
        Verification.Approver.AnyApprover => "any approver",
        _ => "an approver",
    };
}
