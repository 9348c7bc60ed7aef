using LiveShop.Kernel.Automation.Alerts;

namespace LiveShop.Kernel.Tests.Automation.Alerts;

/// <summary>The expected range is robust (one past spike does not widen it) and seasonal by weekday.</summary>
public sealed class ExpectedRangeTests
{
    [Fact]
    public void The_range_is_the_median_plus_or_minus_k_robust_deviations_and_one_outlier_barely_moves_it()
    {
        decimal[] calm = [10, 11, 9, 10, 12, 8, 10, 11, 9, 10];
        var range = ExpectedRange.Of(calm, 4m, 0m)!;
        Assert.Equal(10m, range.Centre);
        // MAD = 1 → ± 4 × 1.4826.
        Assert.Equal(10m - 4m * 1.4826m, range.Low);
        Assert.Equal(10m + 4m * 1.4826m, range.High);

        var withSpike = ExpectedRange.Of([.. calm, 200m], 4m, 0m)!;
        Assert.Equal(10m, withSpike.Centre);
        Assert.True(withSpike.High < 20m, $"one spike widened the range to {withSpike.High}");
    }

    [Fact]
    public void A_flat_series_gets_the_minimum_width_instead_of_alerting_on_any_change()
    {
        var range = ExpectedRange.Of([5m, 5m, 5m, 5m], 4m, 2m)!;
        Assert.Equal(3m, range.Low);
        Assert.Equal(7m, range.High);
        Assert.Null(ExpectedRange.Of([], 4m, 2m));
    }

    [Fact]
    public void A_weekend_is_judged_against_weekends_so_its_usual_lift_is_not_an_anomaly()
    {
        // Four weeks: weekdays sell 100, Saturdays and Sundays 150.
        var start = new DateOnly(2026, 1, 5); // a Monday
        var baseline = Enumerable.Range(0, 28).Select(i => start.AddDays(i))
            .Select(d => (d, d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 150m : 100m)).ToList();
        var saturday = new DateOnly(2026, 2, 7);
        var monday = new DateOnly(2026, 2, 9);

        var weekend = ExpectedRange.Seasonal(baseline, saturday, 4m, 5m)!;
        var weekday = ExpectedRange.Seasonal(baseline, monday, 4m, 5m)!;

        Assert.Equal(150m, weekend.Centre);
        Assert.Equal(100m, weekday.Centre);
        Assert.True(weekend.Low <= 150m && 150m <= weekend.High);
        Assert.True(150m > weekday.High, "a weekday selling like a Saturday should be out of range");
    }
}
