using LiveShop.Memory.Events;
using LiveShop.Memory.Tests.Events;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Memory.Tests.Database;

/// <summary>
/// What the connection the product is given (<see cref="TestDatabase.DataSource"/>, the application role) may not do to
/// the event store: with it, an attacker holding the host's credentials can neither switch off the append-only triggers
/// nor change, remove or restructure events.
/// </summary>
public sealed class ApplicationRoleTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER TABLE business_events DISABLE TRIGGER ALL")]
    [InlineData("ALTER TABLE business_events DISABLE TRIGGER business_events_no_update_or_delete")]
    [InlineData("TRUNCATE business_events")]
    [InlineData("DELETE FROM business_events")]
    [InlineData("UPDATE business_events SET source = 'forged'")]
    [InlineData("DROP TABLE business_events")]
    [InlineData("ALTER TABLE business_events ADD COLUMN forged text")]
    [InlineData("ALTER TABLE business_events RENAME TO business_events_old")]
    [InlineData("DROP TRIGGER business_events_no_update_or_delete ON business_events")]
    [InlineData("CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$")]
    [InlineData("CREATE TABLE forged (id int)")]
    public async Task The_application_role_cannot_disable_change_or_remove_events(string sql)
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        await store.AppendAsync(TestEvents.Orders(3, Random.Shared.Next(1000, 1_000_000)));
        var before = await store.CountAsync();

        // Inside a transaction rolled back at the end, so a statement that wrongly succeeds cannot spoil the other cases.
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        Assert.Equal(before, await store.CountAsync());
        Assert.True((await store.VerifyChainAsync()).Intact);
    }

    [Fact]
    public async Task Deleting_the_newest_events_with_triggers_off_is_refused()
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        await store.AppendAsync(TestEvents.Orders(5, Random.Shared.Next(1000, 1_000_000)));
        var before = await store.CountAsync();

        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SET session_replication_role = replica; DELETE FROM business_events WHERE sequence > (SELECT max(sequence) - 3 FROM business_events)", connection);
        await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(before, await store.CountAsync());
    }

    [Fact]
    public async Task The_application_role_has_no_special_attribute_and_owns_nothing()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
                   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relowner = r.oid) AS owned_relations,
                   (SELECT count(*) FROM pg_database d WHERE d.datname = current_database() AND d.datdba = r.oid) AS owned_databases,
                   (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(
            (false, false, false, false, false, 0L, 0L, 0L),
            (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
    }

    [Fact]
    public async Task The_application_role_still_appends_and_reads_events()
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        var before = await store.CountAsync();

        var appended = await store.AppendAsync(TestEvents.Orders(4, Random.Shared.Next(1000, 1_000_000)));

        Assert.Equal(4, appended.Appended);
        Assert.Equal(before + 4, await store.CountAsync());
        Assert.Equal(4, (await store.ReadAsync(appended.LastSequence - 4, 10)).Count);
    }
}
