namespace LiveShop.Kernel.Provenance;

/// <summary>
/// The markers around text that reaches the model from outside the user's own instruction (a tool result: a ticket, an
/// email, a product page, a knowledge chunk, a memory, a record). The system prompt says what they mean: data to read,
/// never instructions to follow.
/// </summary>
public static class UntrustedContent
{
    private const string Close = "</untrusted_content>";

    /// <summary>Wraps <paramref name="text"/> from <paramref name="source"/> (e.g. <c>Support-get_ticket</c>) in the markers.</summary>
    public static string Wrap(string source, string text) =>
        // A closing marker inside the text would let it pose as our own words after the block: neutralise it.
        $"<untrusted_content source=\"{source}\">\n{text.Replace(Close, "</untrusted_content_>", StringComparison.OrdinalIgnoreCase)}\n{Close}";

    /// <summary>The text inside the markers, or <paramref name="text"/> itself when it is not wrapped.</summary>
    public static string Unwrap(string text)
    {
        if (!text.StartsWith("<untrusted_content", StringComparison.Ordinal) || !text.EndsWith(Close, StringComparison.Ordinal)) return text;
        var start = text.IndexOf('\n', StringComparison.Ordinal);
        var end = text.Length - Close.Length - 1;
        return start < 0 || end < start + 1 ? "" : text[(start + 1)..end];
    }
}
