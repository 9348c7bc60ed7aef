namespace LiveShop.Kernel.Success;

/// <summary>One success metric: its value (null when there is no data to compute it from) and how it was computed.</summary>
/// <param name="Name">snake_case name (autonomy_rate, proof_pass_rate, …).</param>
/// <param name="Value">The figure, or null with <paramref name="Basis"/> saying what is missing.</param>
/// <param name="Unit">pct, money or days.</param>
/// <param name="Basis">The counts it came from, or why there is no figure.</param>
public sealed record SuccessMetric(string Name, decimal? Value, string Unit, string Basis);

/// <summary>The counts the success metrics are computed from; every figure here is read, none estimated.</summary>
/// <param name="Decided">Actions the verifier decided in the window (each once, at its latest verdict).</param>
/// <param name="Passed">Of those, the ones not denied.</param>
/// <param name="Executed">Actions executed in the window (undos excluded).</param>
/// <param name="WithoutHuman">Of those, requested by an agent or automation and executed without an approval.</param>
/// <param name="Undone">Of those, undone since.</param>
/// <param name="NetProfit">Net profit over the window from the metrics store; null when it holds no day of the window.</param>
/// <param name="Revenue">Revenue over the window from the metrics store.</param>
/// <param name="Orders">Sales over the window from the metrics store.</param>
/// <param name="ListingsLive">Products whose first listing went live in the window.</param>
/// <param name="MedianDaysToMarket">Median days from a product's creation to its first live listing; null without any.</param>
public sealed record SuccessInputs(int Decided, int Passed, int Executed, int WithoutHuman, int Undone, decimal? NetProfit, decimal? Revenue,
    decimal? Orders, int ListingsLive, decimal? MedianDaysToMarket);

/// <summary>The platform's success metrics over a window (issue 16 item 7), computed from <see cref="SuccessInputs"/>.</summary>
public sealed record SuccessReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SuccessMetric> Metrics)
{
    /// <summary>The metrics of <paramref name="inputs"/>; a figure whose denominator is zero or missing is null and says so.</summary>
    public static SuccessReport Compute(DateTimeOffset from, DateTimeOffset to, SuccessInputs inputs)
    {
        var i = inputs;
        return new SuccessReport(from, to,
        [
            new("autonomy_rate", Pct(i.WithoutHuman, i.Executed), "pct",
                i.Executed == 0 ? "no action was executed in the window"
                    : $"{i.WithoutHuman} of {i.Executed} executed actions ran without a person asking or approving"),
            new("proof_pass_rate", Pct(i.Passed, i.Decided), "pct",
                i.Decided == 0 ? "the verifier decided no action in the window"
                    : $"{i.Passed} of {i.Decided} decided actions passed the invariants (allowed or sent for approval), {i.Decided - i.Passed} denied"),
            new("rollback_rate", Pct(i.Undone, i.Executed), "pct",
                i.Executed == 0 ? "no action was executed in the window" : $"{i.Undone} of {i.Executed} executed actions were undone"),
            new("profit_per_decision", i.NetProfit is { } profit && i.Executed > 0 ? profit / i.Executed : null, "money",
                i.NetProfit is not { } net ? "the metrics store holds no day of the window"
                    : i.Executed == 0 ? "no action was executed in the window"
                    : $"net profit {Math.Round(net, 2)} over {i.Executed} executed actions"),
            new("time_to_market_days", i.MedianDaysToMarket, "days",
                i.ListingsLive == 0 ? "no product's first listing went live in the window"
                    : $"median over {i.ListingsLive} products from creation to first live listing"),
            new("cost_per_order", i is { Revenue: { } revenue, NetProfit: { } netProfit, Orders: > 0 } ? (revenue - netProfit) / i.Orders!.Value : null, "money",
                i.Orders is null ? "the metrics store holds no day of the window"
                    : i.Orders == 0 ? "no sale in the window"
                    : $"revenue less net profit (goods, shipping, fees, refunds, ad spend) over {i.Orders} orders"),
        ]);
    }

    private static decimal? Pct(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 2);
}
