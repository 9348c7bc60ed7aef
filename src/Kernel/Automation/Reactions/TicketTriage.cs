namespace LiveShop.Kernel.Automation.Reactions;

/// <summary>How pressing a ticket is.</summary>
public enum TicketUrgency { Low, Normal, High, Urgent }

/// <summary>The customer's tone.</summary>
public enum TicketSentiment { Negative, Neutral, Positive }

/// <summary>What the customer asks about.</summary>
public enum TicketCategory { DeliveryStatus, RefundRequest, Question, Other }

/// <summary>A ticket's triage: urgency, sentiment and what it is about.</summary>
public sealed record TicketTriageResult(TicketUrgency Urgency, TicketSentiment Sentiment, TicketCategory Category);

/// <summary>
/// Workflow C step 1: deterministic rules over a ticket's subject, body and channel priority, so the same ticket is
/// always triaged the same way and a person can read why. Words that threaten escalation (a chargeback, a lawyer, a
/// scam) make a ticket urgent whatever its priority.
/// </summary>
public static class TicketTriage
{
    private static readonly string[] UrgentWords = ["urgent", "asap", "immediately", "lawyer", "chargeback", "scam", "fraud", "police", "allergic", "injur"];
    private static readonly string[] NegativeWords =
        ["angry", "terrible", "awful", "worst", "disappointed", "broken", "damaged", "defective", "never arrived", "hasn't moved", "not happy", "unacceptable", "scam", "ridiculous"];
    private static readonly string[] PositiveWords = ["thank", "love", "great", "awesome", "happy with", "appreciate"];
    private static readonly string[] DeliveryWords = ["where is my order", "tracking", "not arrived", "hasn't arrived", "when will it arrive", "delivery", "hasn't moved", "still waiting"];
    private static readonly string[] RefundWords = ["refund", "money back", "return"];
    private static readonly string[] QuestionWords = ["?", "quick question", "does this", "which", "how long", "is there", "can i"];

    /// <summary>Triage of a ticket with <paramref name="subject"/>, <paramref name="body"/> and the channel's <paramref name="priority"/>.</summary>
    public static TicketTriageResult Classify(string subject, string body, string priority)
    {
        var text = $"{subject}\n{body}".ToLowerInvariant();
        var urgency = AnyOf(text, UrgentWords) ? TicketUrgency.Urgent : priority.Trim().ToLowerInvariant() switch
        {
            "urgent" => TicketUrgency.Urgent,
            "high" => TicketUrgency.High,
            "low" => TicketUrgency.Low,
            _ => TicketUrgency.Normal,
        };
        var sentiment = AnyOf(text, NegativeWords) ? TicketSentiment.Negative
            : AnyOf(text, PositiveWords) ? TicketSentiment.Positive
            : TicketSentiment.Neutral;
        var category = AnyOf(text, RefundWords) ? TicketCategory.RefundRequest
            : AnyOf(text, DeliveryWords) ? TicketCategory.DeliveryStatus
            : AnyOf(text, QuestionWords) ? TicketCategory.Question
            : TicketCategory.Other;
        return new TicketTriageResult(urgency, sentiment, category);
    }

    private static bool AnyOf(string text, string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}
