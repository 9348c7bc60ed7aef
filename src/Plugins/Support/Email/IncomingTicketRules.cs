using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace LiveShop.Plugins.Support.Email;

/// <summary>
/// How an incoming email becomes a ticket, as pure functions: its ids, priority, the order ids it mentions and the text
/// kept of it. The fetcher applies them; tests read them like the contract.
/// </summary>
public static partial class IncomingTicketRules
{
    /// <summary>Country recorded for a customer first seen by email: ISO 3166 "ZZ", unknown.</summary>
    public const string UnknownCountry = "ZZ";

    private const int SubjectLength = 300;
    private const int ExternalIdLength = 300;

    /// <summary>"high" when the message speaks of a chargeback, fraud or urgency, else "normal".</summary>
    public static string Priority(string subject, string body) =>
        HighPriorityWords().IsMatch(subject) || HighPriorityWords().IsMatch(body) ? "high" : "normal";

    /// <summary>Order ids (<c>o_123</c>) mentioned in the subject, then the body, first mention first, each once.</summary>
    public static IReadOnlyList<string> MentionedOrderIds(string subject, string body) =>
        OrderId().Matches(subject).Concat(OrderId().Matches(body)).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();

    /// <summary>The ticket's source id: the Message-Id, or one made from the mailbox position when the mail has none.</summary>
    public static string ExternalId(MimeMessage message, uint uidValidity, uint uid, string imapHost)
    {
        var id = string.IsNullOrWhiteSpace(message.MessageId) ? $"imap-{uidValidity}-{uid}@{imapHost}" : message.MessageId.Trim();
        return id.Length <= ExternalIdLength ? id : "sha256-" + Hex(id, 64);
    }

    /// <summary>A ticket id of its own series (<c>t_em_…</c>), so it never collides with the simulator's <c>t_N</c>.</summary>
    public static string TicketId(string externalId) => "t_em_" + Hex(externalId, 16);

    /// <summary>A customer id of its own series (<c>c_em_…</c>) for an address first seen by email.</summary>
    public static string CustomerId(string address) => "c_em_" + Hex(address.ToLowerInvariant(), 16);

    /// <summary>The name to record for a new customer: the From display name, else the address's local part.</summary>
    public static string CustomerName(MailboxAddress from) =>
        string.IsNullOrWhiteSpace(from.Name) ? from.LocalPart : from.Name.Trim();

    /// <summary>The subject, bounded to the column, "(no subject)" when empty.</summary>
    public static string Subject(MimeMessage message)
    {
        var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(no subject)" : message.Subject.Trim();
        return subject.Length <= SubjectLength ? subject : subject[..SubjectLength];
    }

    /// <summary>The plain text of the message: its text part, else its HTML part with the tags removed.</summary>
    public static string Body(MimeMessage message)
    {
        if (message.TextBody is { } text) return text.Trim();
        if (message.HtmlBody is { } html) return WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " ")).Trim();
        return "";
    }

    private static string Hex(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    [GeneratedRegex(@"\b(chargebacks?|fraud\w*|urgent\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HighPriorityWords();

    [GeneratedRegex(@"\bo_\d{1,17}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderId();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
