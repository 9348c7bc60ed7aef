using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// Checkpointed event subscriptions: each subscription's position in the event chain and the lease that gives it one owner
/// across hosts (<c>event_subscriptions</c>), and the events a subscription failed on, retried and then parked with their
/// error (<c>event_subscription_failures</c>).
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202130000_EventSubscriptions")]
public sealed class EventSubscriptions : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            """
            CREATE TABLE event_subscriptions (
                name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,63}$'),
                position bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
                owner text NULL,
                lease_expires_at timestamptz NULL,
                updated_at timestamptz NOT NULL
            );
            CREATE TABLE event_subscription_failures (
                subscription text NOT NULL REFERENCES event_subscriptions (name),
                sequence bigint NOT NULL,
                event_id uuid NULL,
                event_type text NULL,
                attempts integer NOT NULL CHECK (attempts > 0),
                error text NOT NULL,
                first_failed_at timestamptz NOT NULL,
                last_failed_at timestamptz NOT NULL,
                parked_at timestamptz NULL,
                PRIMARY KEY (subscription, sequence)
            );
            CREATE INDEX ix_event_subscription_failures_parked ON event_subscription_failures (parked_at) WHERE parked_at IS NOT NULL;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE event_subscription_failures; DROP TABLE event_subscriptions;");
    }
}
