using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Kernel.Provenance;

/// <summary>An argument of a proposed action whose value the turn's untrusted text holds but the user never said.</summary>
public sealed record UntrustedArgument(string Parameter, string Value);

/// <summary>
/// Where the words of a turn came from: the signed-in user's own words (their messages, quoted spans removed) versus
/// untrusted text (quoted or reported spans, tool results, the assistant's earlier replies). An action may only take its
/// ids and figures from the user's words; a value found only in untrusted text needs the user to confirm it. Pure.
/// </summary>
public sealed partial class TurnProvenance
{
    private const int LongestIdentifier = 200;
    private static readonly HashSet<string> NamedIdentifiers = new(StringComparer.Ordinal) { "role", "channel", "email", "url", "account", "recipient" };

    private readonly string _own;
    private readonly string _untrusted;

    private TurnProvenance(string own, string untrusted)
    {
        _own = own;
        _untrusted = untrusted;
    }

    /// <summary>Reads a chat history: user messages are the user's words (minus quotes); tool results and replies are not; the system prompt is neither.</summary>
    public static TurnProvenance From(ChatHistory history)
    {
        var own = new List<string>();
        var untrusted = new List<string>();
        foreach (var message in history)
        {
            if (message.Role == AuthorRole.System) continue;
            foreach (var item in message.Items)
            {
                var text = item switch
                {
                    TextContent t => t.Text,
                    FunctionResultContent r => r.Result?.ToString(),
                    _ => null, // a function call's arguments are the model's proposal, not a source of facts
                };
                if (string.IsNullOrEmpty(text)) continue;
                if (message.Role == AuthorRole.User)
                {
                    own.Add(QuotedText.OwnWords(text));
                    untrusted.AddRange(QuotedText.Quoted(text));
                }
                else untrusted.Add(text);
            }
        }
        return new TurnProvenance(string.Join('\n', own), string.Join('\n', untrusted));
    }

    /// <summary>
    /// The ids, addresses and figures among <paramref name="arguments"/> that appear in untrusted text but not in the
    /// user's own words. Free text (a reason, a reply) is not checked: it is written, not pointed at a record. Values the
    /// turn never mentioned at all are left to the verifier.
    /// </summary>
    public IReadOnlyList<UntrustedArgument> UntrustedOnly(KernelArguments arguments)
    {
        var found = new List<UntrustedArgument>();
        foreach (var (name, raw) in arguments)
        {
            var value = Convert.ToString(raw, CultureInfo.InvariantCulture)?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                if (MentionsNumber(_untrusted, number) && !MentionsNumber(_own, number)) found.Add(new UntrustedArgument(name, value));
            }
            else if (IsIdentifier(name, value) && Mentions(_untrusted, value) && !MentionsIdentifier(_own, value))
                found.Add(new UntrustedArgument(name, value));
        }
        return found;
    }

    private static bool IsIdentifier(string parameter, string value) =>
        value.Length <= LongestIdentifier && !value.Any(char.IsWhiteSpace)
        && (parameter.EndsWith("_id", StringComparison.Ordinal) || NamedIdentifiers.Contains(parameter) || value.Any(c => char.IsDigit(c) || c is '_' or '@' or '/' or ':'));

    // "order 123" in the user's words names o_123.
    private static bool MentionsIdentifier(string text, string value) =>
        Mentions(text, value) || (PrefixedIdPattern().Match(value) is { Success: true } id && MentionsNumber(text, decimal.Parse(id.Groups[1].Value, CultureInfo.InvariantCulture)));

    private static bool Mentions(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + value.Length >= text.Length ? ' ' : text[at + value.Length];
            if (!IsWordChar(before) && !IsWordChar(after)) return true;
        }
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool MentionsNumber(string text, decimal value)
    {
        foreach (Match m in NumberPattern().Matches(text))
        {
            if (!decimal.TryParse(m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) continue;
            if (m.Groups["k"].Success) number *= 1000m;
            if (number == value) return true;
        }
        return false;
    }

    [GeneratedRegex(@"(?<![\w.])(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<k>k\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[a-z]{1,3}_(\d{1,18})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedIdPattern();
}
