using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Chat.Tests.Cli;

public sealed class AuditVerifyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-audit-test"),
    };

    [Fact]
    public async Task Audit_verify_names_the_first_tampered_sequence()
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        var events = Enumerable.Range(1, 10).Select(i => new NewEvent(Guid.NewGuid(), "RefundProcessed", DateTimeOffset.UtcNow, "stripe",
            JsonSerializer.SerializeToElement(new { refund_id = $"r_{i}", order_id = $"o_{i}", amount = 10m + i }))).ToList();
        var appended = await store.AppendAsync(events);
        var intact = await CliProcess.RunAsync(["audit", "verify"], Environment);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("intact", intact.StandardOutput);

        var tampered = appended.LastSequence - 4;
        await ExecuteAsSuperuserAsync(
            "ALTER TABLE business_events DISABLE TRIGGER ALL",
            $"UPDATE business_events SET data = jsonb_set(data, '{{amount}}', '9999') WHERE sequence = {tampered}",
            "ALTER TABLE business_events ENABLE TRIGGER ALL");

        var broken = await CliProcess.RunAsync(["audit", "verify"], Environment);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains($"sequence {tampered}", broken.StandardOutput);
    }

    private async Task ExecuteAsSuperuserAsync(params string[] statements)
    {
        await using var connection = await database.AdminDataSource.OpenConnectionAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
