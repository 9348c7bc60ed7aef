using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// The append-only, hash-chained business event store. Written by hand (raw SQL, no EF entity): the table is read and
/// written only through <c>EventStore</c>, and the database itself refuses UPDATE, DELETE and TRUNCATE on it.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261125090000_EventStore")]
public sealed class EventStoreSchema : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE business_events (
                sequence    bigint      PRIMARY KEY,
                event_id    uuid        NOT NULL UNIQUE,
                type        text        NOT NULL,
                occurred_at timestamptz NOT NULL,
                source      text        NOT NULL,
                data        jsonb       NOT NULL,
                recorded_at timestamptz NOT NULL,
                prev_hash   bytea       NOT NULL,
                hash        bytea       NOT NULL
            );

            CREATE INDEX ix_business_events_type_occurred_at ON business_events (type, occurred_at);

            CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'restrict_violation';
            END
            $$;

            CREATE TRIGGER business_events_no_update_or_delete
                BEFORE UPDATE OR DELETE ON business_events
                FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

            CREATE TRIGGER business_events_no_truncate
                BEFORE TRUNCATE ON business_events
                FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE IF EXISTS business_events;
            DROP FUNCTION IF EXISTS refuse_append_only_change();
            """);
    }
}
