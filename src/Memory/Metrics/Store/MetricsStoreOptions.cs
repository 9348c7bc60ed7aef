using System.ComponentModel.DataAnnotations;

namespace LiveShop.Memory.Metrics.Store;

/// <summary>How long the metrics store keeps its hourly rows (section <c>Metrics</c>); daily roll-ups are kept for good.</summary>
public sealed class MetricsStoreOptions
{
    public const string Section = "Metrics";

    /// <summary>Days of hourly rows kept before the newest snapshot's day; older hours are deleted once rolled up into their day.</summary>
    [Range(1, 3650)]
    public int HourlyRetentionDays { get; set; } = 35;
}
