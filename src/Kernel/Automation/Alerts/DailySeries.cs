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
    /// <summary>Sums <paramref name="days"/>, newest first (a level keeps the newest day's value).</summary>
    public static MetricComponents Sum(IEnumerable<MetricComponents> days)
    {
        var values = days.Select(d => d.ToValues()).ToList();
        return MetricComponents.From([.. MetricComponents.Columns.Select((column, i) =>
        {
            var parts = values.Select(v => v[i]).ToList();
            return MetricComponents.Levels.Contains(column) ? parts[0] : parts.All(p => p is null) ? null : parts.Sum(p => p ?? 0m);
        })]);
    }
}
