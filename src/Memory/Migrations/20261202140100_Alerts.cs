using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// Alerts: what the anomaly scan and the reactions noticed (metric, entity, observed value, expected range, window), and
/// where each stands (open, acknowledged, resolved). At most one unresolved alert per kind and entity, so one incident is
/// one alert however often it is seen.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202140100_Alerts")]
public sealed class Alerts : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE alerts (
                alert_id uuid PRIMARY KEY,
                kind character varying(64) NOT NULL,
                metric character varying(64) NOT NULL,
                grain character varying(32) NOT NULL,
                entity_id character varying(128) NOT NULL,
                observed numeric NULL,
                expected_low numeric NULL,
                expected_high numeric NULL,
                window_from timestamp with time zone NOT NULL,
                window_to timestamp with time zone NOT NULL,
                message character varying(2000) NOT NULL,
                raised_by character varying(200) NOT NULL,
                status character varying(16) NOT NULL,
                raised_at timestamp with time zone NOT NULL,
                acknowledged_by character varying(320) NULL,
                acknowledged_at timestamp with time zone NULL,
                resolved_by character varying(320) NULL,
                resolved_at timestamp with time zone NULL,
                CONSTRAINT ck_alerts_status CHECK (status IN ('open', 'acknowledged', 'resolved'))
            );
            CREATE UNIQUE INDEX ux_alerts_unresolved ON alerts (kind, entity_id) WHERE status <> 'resolved';
            CREATE INDEX ix_alerts_raised_at ON alerts (raised_at);
            CREATE INDEX ix_alerts_kind_entity_raised_at ON alerts (kind, entity_id, raised_at);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE IF EXISTS alerts;");
}
