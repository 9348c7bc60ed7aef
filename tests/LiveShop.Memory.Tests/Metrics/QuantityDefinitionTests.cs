using System.Text.RegularExpressions;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Memory.Tests.Metrics;

/// <summary>The pure parts of the business quantities: the SQL forms say what the typed forms say, and the edges hold.</summary>
public sealed class QuantityDefinitionTests
{
    [Fact]
    public void The_sql_refund_filter_excludes_exactly_the_statuses_that_are_not_refunded()
    {
        var listed = Regex.Matches(RefundedAmount.SqlCounts, "'([a-z_]+)'").Select(m => m.Groups[1].Value);

        Assert.StartsWith("r.status NOT IN (", RefundedAmount.SqlCounts);
        Assert.Equal(RefundedAmount.NotRefundedStatuses.Order(), listed.Order());
        Assert.All(["requested", "approved", "processed"], s => Assert.True(RefundedAmount.CountsStatus(s)));
        Assert.All(RefundedAmount.NotRefundedStatuses, s => Assert.False(RefundedAmount.CountsStatus(s)));
    }

    [Fact]
    public void The_sql_sale_filter_excludes_exactly_the_statuses_that_are_not_sales()
    {
        var listed = Regex.Matches(Sales.SqlIsSale, "'([a-z_]+)'").Select(m => m.Groups[1].Value);

        Assert.StartsWith("o.status NOT IN (", Sales.SqlIsSale);
        Assert.Equal(Sales.NotSaleStatuses.Order(), listed.Order());
    }

    [Fact]
    public void Averages_and_costs_per_unit_are_undefined_without_a_denominator()
    {
        Assert.Null(Sales.AverageOrderValue(100m, 0m));
        Assert.Equal(25m, Sales.AverageOrderValue(100m, 4m));
        Assert.Null(AcquisitionCost.Of(50m, 0m));
        Assert.Equal(12.5m, AcquisitionCost.Of(50m, 4m));
        Assert.Null(ConversionRate.Pct(3m, 0m));
        Assert.Equal(1.5m, ConversionRate.Pct(3m, 200m));
        Assert.Null(DeliveryTime.AverageDays(10m, 0m));
        Assert.Equal(2.5m, DeliveryTime.AverageDays(10m, 4m));
        Assert.Equal(-20m, NetProfit.Of(30m, 50m));
        Assert.Equal(30m, NetProfit.Of(30m, null));
    }

    [Theory]
    [InlineData(200, 80, 120)]
    [InlineData(100, 100, 0)]
    [InlineData(100, 130, 0)] // over-refunded (a chargeback on top): nothing more may go back
    public void Refundable_is_the_total_less_what_was_refunded_never_below_zero(decimal total, decimal refunded, decimal refundable) =>
        Assert.Equal(refundable, RefundedAmount.Refundable(total, refunded));

    [Fact]
    public void Trailing_seven_days_include_today_and_stop_before_tomorrow()
    {
        var window = DayWindow.Trailing(new DateOnly(2026, 11, 25), 7);

        Assert.Equal(new DateOnly(2026, 11, 19), window.From);
        Assert.Equal(new DateOnly(2026, 11, 26), window.To);
        Assert.Equal(7, window.Days);
        Assert.True(window.Contains(new DateOnly(2026, 11, 25)));
        Assert.False(window.Contains(new DateOnly(2026, 11, 18)));
    }

    [Fact]
    public void Rates_and_ratios_are_undefined_without_a_denominator()
    {
        Assert.Null(Roas.Of(100m, 0m));
        Assert.Equal(4.08m, Roas.Reported(1550m, 380m));
        Assert.Null(RefundRate.Pct(0, 0));
        Assert.Equal(33.33m, RefundRate.Pct(2, 6));
        Assert.Equal(16.67m, ChargebackRate.Pct(1, 6));
        Assert.Null(DeliverySla.MetPct(0, 0));
        Assert.Null(CashRunway.Days(1000m, 0m));
        Assert.Null(CashRunway.Days(1000m, -5m));
        Assert.Equal(0m, CashRunway.Days(-10m, 5m));
        Assert.Equal(2970m, CashRunway.Days(99_000m, CashRunway.AverageDailyBurn(1_000m, 30)));
    }

    [Theory]
    [InlineData(100, 30, 5, 5, 4, 35)]
    [InlineData(100, 60, 5, 5, 4, 5)]
    [InlineData(100, 30, 5, 5, 2, 10)]
    public void Contribution_margin_takes_cost_shipping_fees_and_ad_cost_from_the_price(
        decimal price, decimal unitCost, decimal shipping, decimal feesPct, decimal roas, decimal marginPct) =>
        Assert.Equal(marginPct, ContributionMargin.Pct(price, unitCost, shipping, feesPct, roas));

    [Fact]
    public void Contribution_margin_cannot_be_projected_without_price_or_roas()
    {
        Assert.Null(ContributionMargin.Pct(0m, 1m, 1m, 1m, 2m));
        Assert.Null(ContributionMargin.Pct(100m, 1m, 1m, 1m, 0m));
        Assert.Equal(60m, ContributionMargin.PerUnit(100m, 30m, 5m, 5m, roas: null));
    }

    [Fact]
    public void A_lines_margin_is_the_per_unit_margin_times_units_less_its_share_of_the_refund()
    {
        Assert.Equal(2 * ContributionMargin.PerUnit(100m, 30m, 5m, 5m, roas: null), ContributionMargin.OfLine(200m, 2, 30m, 5m, 5m, refundShare: 0m));
        Assert.Equal(-40m, ContributionMargin.OfLine(100m, 1, 30m, 5m, 5m, refundShare: 100m));
    }
}
