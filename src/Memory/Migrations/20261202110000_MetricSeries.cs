using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// The metrics store's time series, written by hand (raw SQL, no EF entity): read and written only through
/// <c>MetricSeriesTable</c>. One row per grain, entity, resolution (hour or day) and bucket start, holding the additive
/// components of every metric (sums, counts and end-of-bucket levels), so a day is the sum of its hours and every ratio
/// (AOV, ROAS, rates, runway) is computed from summed components, never averaged. A column is NULL where the grain does
/// not know it (no ad spend per sales channel, no cash per product).
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202110000_MetricSeries")]
public sealed class MetricSeriesSchema : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE metric_series (
                grain               text        NOT NULL CHECK (grain IN ('business', 'channel', 'product', 'ad_set')),
                entity_id           text        NOT NULL,
                resolution          text        NOT NULL CHECK (resolution IN ('hour', 'day')),
                at                  timestamptz NOT NULL,
                revenue             numeric,
                orders              numeric,
                new_customers       numeric,
                refunded_orders     numeric,
                charged_back_orders numeric,
                margin              numeric,
                ad_spend            numeric,
                ad_revenue          numeric,
                ad_orders           numeric,
                sessions            numeric,
                delivered_orders    numeric,
                delivery_days       numeric,
                stock               numeric,
                stockouts           numeric,
                cash                numeric,
                burn_30d            numeric,
                captured_at         timestamptz NOT NULL,
                PRIMARY KEY (grain, entity_id, resolution, at)
            );
            CREATE INDEX ix_metric_series_resolution_at ON metric_series (resolution, at);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE metric_series;");
}
