using LiveShop.Memory.Database;
using LiveShop.Memory.Database.Privileges;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Memory.Tests.Database;

/// <summary>
/// The application role's grants are exactly the decisions of <see cref="ApplicationTableGrants"/>, every table has a
/// decision, and applying them again after a migration (or after somebody changed them by hand) restores them.
/// </summary>
public sealed class ApplicationGrantsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly string[] TablePrivilegeNames = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"];

    private string ApplicationRole => DatabaseProvisioning.RoleOf(database.ConnectionString);

    [Fact]
    public async Task Every_table_of_the_migrated_schema_has_a_grant_decision_and_every_decision_names_a_table()
    {
        var tables = await QueryStringsAsync(
            "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY 1");

        var undecided = tables.Where(t => ApplicationTableGrants.For(t) is null).ToList();
        Assert.True(undecided.Count == 0,
            $"no grant decision for {string.Join(", ", undecided)}: add each to ApplicationTableGrants (None when the application needs no access)");
        Assert.Empty(ApplicationTableGrants.All.Select(g => g.Table).Except(tables));
    }

    [Fact]
    public async Task The_application_role_holds_exactly_the_decided_privileges_on_every_table()
    {
        foreach (var decision in ApplicationTableGrants.All)
        {
            var held = new List<string>();
            foreach (var privilege in TablePrivilegeNames)
                if (await HasTablePrivilegeAsync(decision.Table, privilege)) held.Add(privilege);

            var decided = TablePrivilegeNames.Where(p => Enum.TryParse<TablePrivileges>(p, ignoreCase: true, out var flag) && decision.Privileges.HasFlag(flag) && flag != 0);
            Assert.True(decided.SequenceEqual(held), $"{decision.Table}: holds {string.Join(",", held)}, decided {decision.Privileges}");
        }
    }

    [Fact]
    public async Task Applying_again_changes_nothing_and_restores_grants_changed_by_hand()
    {
        Assert.Equal(0, (await ApplicationGrants.ApplyAsync(database.OwnerDataSource, ApplicationRole)).RelationsChanged);

        await ExecuteAsOwnerAsync($"REVOKE INSERT ON business_events FROM {ApplicationRole}; GRANT DELETE, TRUNCATE ON business_events TO {ApplicationRole}");
        Assert.True(await HasTablePrivilegeAsync("business_events", "TRUNCATE"));

        var report = await ApplicationGrants.ApplyAsync(database.OwnerDataSource, ApplicationRole);

        Assert.Equal(1, report.RelationsChanged);
        Assert.True(await HasTablePrivilegeAsync("business_events", "INSERT"));
        Assert.False(await HasTablePrivilegeAsync("business_events", "DELETE"));
        Assert.False(await HasTablePrivilegeAsync("business_events", "TRUNCATE"));
    }

    [Fact]
    public async Task A_table_a_later_migration_adds_without_a_decision_gets_no_grant_and_is_reported()
    {
        await ExecuteAsOwnerAsync($"CREATE TABLE added_later (id bigserial PRIMARY KEY); GRANT SELECT, INSERT ON added_later TO {ApplicationRole}");
        try
        {
            var report = await ApplicationGrants.ApplyAsync(database.OwnerDataSource, ApplicationRole);

            Assert.Equal(["added_later"], report.UndecidedTables);
            Assert.False(await HasTablePrivilegeAsync("added_later", "SELECT"));
            Assert.False(await HasTablePrivilegeAsync("added_later", "INSERT"));
        }
        finally
        {
            await ExecuteAsOwnerAsync("DROP TABLE added_later");
        }
    }

    [Fact]
    public async Task Sequences_of_inserting_tables_are_usable_and_only_the_simulators_are_movable()
    {
        var priceChanges = await ScalarAsync<string>("SELECT pg_get_serial_sequence('price_changes', 'id')");

        Assert.True(await HasSequencePrivilegeAsync(priceChanges, "USAGE"));
        Assert.True(await HasSequencePrivilegeAsync(priceChanges, "UPDATE"));
        var sequences = await QueryStringsAsync(
            """
            SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace
            """);
        var movable = new List<string>();
        foreach (var sequence in sequences)
            if (await HasSequencePrivilegeAsync(sequence, "UPDATE")) movable.Add(sequence);
        var decidedMovable = ApplicationTableGrants.All.Where(g => g.MovesIdentity).Select(g => g.Table).ToHashSet();
        Assert.All(movable, s => Assert.Contains(decidedMovable, t => s.StartsWith(t + "_", StringComparison.Ordinal)));
    }

    private async Task<bool> HasTablePrivilegeAsync(string table, string privilege) =>
        await ScalarAsync<bool>("SELECT has_table_privilege($1, $2, $3)", ApplicationRole, SqlName(table), privilege);

    private async Task<bool> HasSequencePrivilegeAsync(string sequence, string privilege) =>
        await ScalarAsync<bool>("SELECT has_sequence_privilege($1, $2, $3)", ApplicationRole, sequence, privilege);

    private static string SqlName(string table) => $"\"{table}\"";

    private async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var command = database.OwnerDataSource.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var command = database.OwnerDataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> QueryStringsAsync(string sql)
    {
        await using var command = database.OwnerDataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
