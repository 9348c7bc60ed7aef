namespace LiveShop.Kernel.Personas.Goals;

/// <summary>The business metrics a goal may name, with the phrases people use for them.</summary>
internal static class GoalMetrics
{
    // Longer phrases first so "net profit" wins over "profit" and "refund rate" over "refunds".
    public static IReadOnlyList<(string Phrase, string Metric)> Phrases { get; } = new (string Phrase, string Metric)[]
    {
        ("net profit", "net_profit"), ("net income", "net_profit"), ("profit", "net_profit"),
        ("revenue", "revenue"), ("sales", "revenue"), ("gmv", "revenue"), ("turnover", "revenue"),
        ("contribution margin", "contribution_margin"), ("gross margin", "contribution_margin"), ("margin", "contribution_margin"),
        ("return on ad spend", "roas"), ("roas", "roas"),
        ("ad spend", "ad_spend"), ("ads spend", "ad_spend"), ("ad budget", "ad_spend"),
        ("conversion rate", "conversion_rate"), ("conversion", "conversion_rate"), ("cvr", "conversion_rate"),
        ("average order value", "aov"), ("aov", "aov"), ("basket size", "aov"),
        ("refund rate", "refund_rate"), ("refunds", "refund_rate"),
        ("return rate", "return_rate"), ("returns", "return_rate"),
        ("sla", "sla_days"), ("ship-out time", "sla_days"), ("delivery time", "sla_days"), ("shipping time", "sla_days"),
        ("fulfilment time", "sla_days"), ("fulfillment time", "sla_days"),
        ("cash runway", "cash_runway"), ("runway", "cash_runway"),
        ("first response time", "support_response_time"), ("response time", "support_response_time"),
        ("chargeback rate", "chargeback_rate"), ("chargebacks", "chargeback_rate"),
        ("stock-outs", "stock_outs"), ("stockouts", "stock_outs"), ("stock outs", "stock_outs"),
        ("order volume", "orders"), ("orders", "orders"),
    }.OrderByDescending(p => p.Phrase.Length).ToArray();

    /// <summary>The metric the text names first (by position), or null.</summary>
    public static string? Find(string lowerText)
    {
        var best = (Index: int.MaxValue, Length: 0, Metric: (string?)null);
        foreach (var (phrase, metric) in Phrases)
        {
            var index = IndexOfWord(lowerText, phrase);
            if (index >= 0 && (index < best.Index || (index == best.Index && phrase.Length > best.Length)))
                best = (index, phrase.Length, metric);
        }
        return best.Metric;
    }

    private static int IndexOfWord(string text, string phrase)
    {
        for (var index = text.IndexOf(phrase, StringComparison.Ordinal); index >= 0; index = text.IndexOf(phrase, index + 1, StringComparison.Ordinal))
        {
            var startOk = index == 0 || !char.IsLetterOrDigit(text[index - 1]);
            var end = index + phrase.Length;
            var endOk = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (startOk && endOk)
                return index;
        }
        return -1;
    }
}
