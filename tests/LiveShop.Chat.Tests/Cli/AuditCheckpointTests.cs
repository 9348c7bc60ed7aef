using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Chat.Tests.Cli;

/// <summary>
/// <c>audit verify --from</c> and the signed chain checkpoints: each test has a database and data directory of its own,
/// tampers as the database superuser (triggers off) and expects <c>audit verify</c> to say what happened.
/// </summary>
public sealed class AuditCheckpointTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("liveshop-audit-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = _database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = _database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = _dataDirectory,
    };

    private Task<CliProcess.Result> CliAsync(params string[] args) => CliProcess.RunAsync(args, Environment);

    private async Task<long> AppendAsync(int count)
    {
        var store = new EventStore(_database.DataSource, TimeProvider.System);
        var events = Enumerable.Range(1, count).Select(i => new NewEvent(Guid.NewGuid(), "RefundProcessed", DateTimeOffset.UtcNow, "stripe",
            JsonSerializer.SerializeToElement(new { refund_id = $"r_{i}", order_id = $"o_{i}", amount = 10m + i }))).ToList();
        return (await store.AppendAsync(events)).LastSequence;
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = await _database.AdminDataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"SET session_replication_role = replica; {sql}; SET session_replication_role = DEFAULT;", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Verify_from_checks_only_the_range_from_that_sequence()
    {
        await AppendAsync(10);
        await TamperAsync("UPDATE business_events SET data = jsonb_set(data, '{amount}', '9999') WHERE sequence = 3");

        var range = await CliAsync("audit", "verify", "--from", "5");
        var whole = await CliAsync("audit", "verify");
        var fromBefore = await CliAsync("audit", "verify", "--from", "2");
        var invalid = await CliAsync("audit", "verify", "--from", "0");

        Assert.True(range.ExitCode == 0, range.StandardOutput + range.StandardError);
        Assert.Contains("sequences 5–10", range.StandardOutput);
        Assert.Contains("6 events verified", range.StandardOutput);
        Assert.Equal(1, whole.ExitCode);
        Assert.Contains("sequence 3", whole.StandardOutput);
        Assert.Equal(1, fromBefore.ExitCode);
        Assert.Contains("sequence 3", fromBefore.StandardOutput);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("--from", invalid.StandardError);
    }

    [Fact]
    public async Task Deleting_the_newest_events_is_detected_against_the_signed_checkpoint()
    {
        await AppendAsync(10);
        var checkpoint = await CliAsync("audit", "checkpoint");
        Assert.True(checkpoint.ExitCode == 0, checkpoint.StandardOutput + checkpoint.StandardError);
        Assert.Contains("\"sequence\":10", checkpoint.StandardOutput);

        await TamperAsync("DELETE FROM business_events WHERE sequence > 7");
        var verify = await CliAsync("audit", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("checkpoint", verify.StandardOutput);
        Assert.Contains("sequence 10", verify.StandardOutput);
        Assert.Contains("ends at sequence 7", verify.StandardOutput);
    }

    [Fact]
    public async Task A_chain_rewritten_from_the_start_is_detected_against_the_signed_checkpoint()
    {
        await AppendAsync(6);
        Assert.Equal(0, (await CliAsync("audit", "checkpoint")).ExitCode);

        await TamperAsync("DELETE FROM business_events");
        await AppendAsync(8); // an internally consistent chain, but not the one that was checkpointed
        var verify = await CliAsync("audit", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("sequence 6", verify.StandardOutput);
        Assert.Contains("checkpoint", verify.StandardOutput);
    }

    [Fact]
    public async Task A_tampered_checkpoint_file_is_reported()
    {
        await AppendAsync(5);
        Assert.Equal(0, (await CliAsync("audit", "checkpoint")).ExitCode);
        var file = Directory.GetFiles(_dataDirectory, "*.jsonl", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("\"sequence\":5", "\"sequence\":3"));

        var verify = await CliAsync("audit", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("checkpoint", verify.StandardOutput);
        Assert.Contains("signature", verify.StandardOutput);
    }

    [Fact]
    public async Task An_intact_chain_that_grew_past_its_checkpoint_verifies()
    {
        await AppendAsync(4);
        Assert.Equal(0, (await CliAsync("audit", "checkpoint")).ExitCode);
        await AppendAsync(3);

        var verify = await CliAsync("audit", "verify");

        Assert.True(verify.ExitCode == 0, verify.StandardOutput + verify.StandardError);
        Assert.Contains("event chain intact: 7 events verified", verify.StandardOutput);
        Assert.Contains("checkpoint", verify.StandardOutput);
    }
}
