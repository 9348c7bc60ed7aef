using LiveShop.Memory.Metrics.Store;

namespace LiveShop.Kernel.Automation.Alerts;

/// <summary>
/// One entity's days as the alert scan reads them: the metric store's daily components, or a daily count, summed over
/// trailing windows of a few days (a day of a small shop is too noisy to judge alone).
/// </summary>
internal sealed class DailySeries<T>(IReadOnlyDictionary<DateOnly, T> days, Func<IEnumerable<T>, T> sum)
{
    /// <summary>The days <paramref name="length"/> long ending with <paramref name="last"/>, summed; default when none is recorded.</summary>
    public T? Window(DateOnly last, int length)
    {
        var inside = Enumerable.Range(0, length).Select(i => last.AddDays(-i)).Where(days.ContainsKey).Select(d => days[d]).ToList();
        return inside.Count == 0 ? default : sum(inside);
    }

    /// <summary>The value on one day, or default.</summary>
    public T? On(DateOnly day) => days.GetValueOrDefault(day);
}

/// <summary>Sums of metric components over several days: flows add up, levels are the last day's.</summary>
internal static class ComponentSums
{
    public static MetricComponents Sum(IEnumerable<MetricComponents> days)
    {
        var list = days.ToList();
        var columns = MetricComponents.Columns;
        var values = new decimal?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = i;
            var parts = list.Select(d => Value(d, column)).ToList();
            values[i] = MetricComponents.Levels.Contains(columns[i])
                ? parts[0]
                : parts.All(p => p is null) ? null : parts.Sum(p => p ?? 0m);
        }
        return MetricComponents.From(values);
    }

    private static decimal? Value(MetricComponents c, int column) => column switch
    {
        0 => c.Revenue, 1 => c.Orders, 2 => c.NewCustomers, 3 => c.RefundedOrders, 4 => c.ChargedBackOrders, 5 => c.Margin,
        6 => c.AdSpend, 7 => c.AdRevenue, 8 => c.AdOrders, 9 => c.Sessions, 10 => c.DeliveredOrders, 11 => c.DeliveryDays,
        12 => c.Stock, 13 => c.Stockouts, 14 => c.Cash, _ => c.Burn30d,
    };
}
