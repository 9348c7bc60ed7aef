using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

/// <summary><c>schedules</c> and <c>autonomy</c> verbs against a real database, through the real executable.</summary>
public sealed class SchedulesAndAutonomyCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-schedules-cli-test"),
    };

    [Fact]
    public async Task Schedules_are_listed_edited_paused_and_run_and_bad_input_exits_with_usage()
    {
        var listed = await CliProcess.RunAsync(["schedules", "list", "--json"], Environment);
        Assert.Equal(0, listed.ExitCode);
        var names = JsonDocument.Parse(listed.StandardOutput).RootElement.GetProperty("schedules").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("reconciliation", names);
        Assert.Contains("order_sync", names);
        Assert.Contains("product_scan", names);

        var badCron = await CliProcess.RunAsync(["schedules", "set", "reconciliation", "--cron", "at two every night"], Environment);
        Assert.Equal(2, badCron.ExitCode);
        Assert.Contains("not a valid cron expression", badCron.StandardError);
        var unknown = await CliProcess.RunAsync(["schedules", "pause", "no_such_job"], Environment);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no job named 'no_such_job'", unknown.StandardError);
        Assert.Equal(2, (await CliProcess.RunAsync(["schedules", "set", "reconciliation"], Environment)).ExitCode);

        Assert.Equal(0, (await CliProcess.RunAsync(["schedules", "set", "reconciliation", "--cron", "0 15 3 * * ?"], Environment)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(["schedules", "pause", "reconciliation"], Environment)).ExitCode);
        var after = JsonDocument.Parse((await CliProcess.RunAsync(["schedules", "list", "--json"], Environment)).StandardOutput).RootElement
            .GetProperty("schedules").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "reconciliation");
        Assert.Equal("0 15 3 * * ?", after.GetProperty("cron").GetString());
        Assert.True(after.GetProperty("paused").GetBoolean());

        // Run now works on a paused job, once, and prints its run record.
        var run = await CliProcess.RunAsync(["schedules", "run", "reconciliation"], Environment);
        Assert.Equal(0, run.ExitCode);
        var record = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("succeeded", record.GetProperty("outcome").GetString());
        Assert.Equal("run_now", record.GetProperty("trigger_kind").GetString());
        Assert.Contains("checked against order-level detail", record.GetProperty("summary").GetString());
        var last = JsonDocument.Parse((await CliProcess.RunAsync(["schedules", "list", "--json"], Environment)).StandardOutput).RootElement
            .GetProperty("schedules").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "reconciliation").GetProperty("last_run");
        Assert.Equal(record.GetProperty("run_key").GetString(), last.GetProperty("run_key").GetString());
    }

    [Fact]
    public async Task Only_the_founder_turns_autonomy_off_and_status_shows_it()
    {
        await using (var users = database.DataSource.CreateCommand(
            """
            INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES
              (gen_random_uuid(), 'founder@cli.test', 'F', 'founder', now(), false),
              (gen_random_uuid(), 'approver@cli.test', 'A', 'approver', now(), false)
            ON CONFLICT (email) DO NOTHING
            """))
            await users.ExecuteNonQueryAsync();

        var refused = await CliProcess.RunAsync(["autonomy", "off", "--as", "approver@cli.test"], Environment);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("only the founder", refused.StandardError);
        Assert.True(JsonDocument.Parse((await CliProcess.RunAsync(["autonomy", "status"], Environment)).StandardOutput).RootElement.GetProperty("on").GetBoolean());

        var off = await CliProcess.RunAsync(["autonomy", "off"], Environment);
        Assert.Equal(0, off.ExitCode);
        var status = JsonDocument.Parse((await CliProcess.RunAsync(["autonomy", "status"], Environment)).StandardOutput).RootElement;
        Assert.False(status.GetProperty("on").GetBoolean());
        Assert.Equal("founder@cli.test", status.GetProperty("changed_by").GetString());

        Assert.Equal(0, (await CliProcess.RunAsync(["autonomy", "on", "--as", "founder@cli.test"], Environment)).ExitCode);
        Assert.Equal(2, (await CliProcess.RunAsync(["autonomy", "sideways"], Environment)).ExitCode);
    }
}
