using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Alerts;

/// <summary><c>alerts list|ack|resolve</c> against a real database, through the real executable.</summary>
public sealed class AlertsCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-alerts-cli-test"),
    };

    [Fact]
    public async Task Alerts_are_listed_in_plain_words_acknowledged_and_resolved_as_the_founder_and_a_bad_id_is_refused()
    {
        await using (var users = database.DataSource.CreateCommand(
            """
            INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES
              (gen_random_uuid(), 'founder@alerts.test', 'F', 'founder', now(), false)
            ON CONFLICT (email) DO NOTHING
            """))
            await users.ExecuteNonQueryAsync();
        var store = new AlertStore(database.DataSource, new PlatformEvents(new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System), TimeProvider.System);
        var alert = (await store.RaiseAsync(AlertSamples.RefundSpike("p_cli"), TimeSpan.FromDays(3), CancellationToken.None))!;

        var listed = await CliProcess.RunAsync(["alerts", "list"], Environment);
        Assert.Equal(0, listed.ExitCode);
        var line = Assert.Single(listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(alert.AlertId.ToString(), line);
        Assert.Contains("open", line);
        Assert.Contains("refund spike: " + AlertSamples.Seen("p_cli"), line);

        var ack = await CliProcess.RunAsync(["alerts", "ack", alert.AlertId.ToString()], Environment);
        Assert.Equal(0, ack.ExitCode);
        Assert.Contains("acknowledged by founder@alerts.test", ack.StandardOutput);
        var again = await CliProcess.RunAsync(["alerts", "ack", alert.AlertId.ToString()], Environment);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already acknowledged", again.StandardError);

        var acknowledged = JsonDocument.Parse((await CliProcess.RunAsync(["alerts", "list", "--status", "acknowledged", "--json"], Environment)).StandardOutput)
            .RootElement.GetProperty("alerts").EnumerateArray().Single();
        Assert.Equal(alert.AlertId, acknowledged.GetProperty("alert_id").GetGuid());
        Assert.Equal("founder@alerts.test", acknowledged.GetProperty("acknowledged_by").GetString());
        Assert.Equal(0.31m, acknowledged.GetProperty("observed").GetDecimal());
        Assert.Equal("no open alerts", (await CliProcess.RunAsync(["alerts", "list", "--status", "open"], Environment)).StandardOutput.Trim());

        Assert.Equal(0, (await CliProcess.RunAsync(["alerts", "resolve", alert.AlertId.ToString()], Environment)).ExitCode);
        Assert.Contains("resolved", (await CliProcess.RunAsync(["alerts", "list", "--status", "resolved"], Environment)).StandardOutput);

        var badId = await CliProcess.RunAsync(["alerts", "resolve", "42"], Environment);
        Assert.Equal(2, badId.ExitCode);
        Assert.Contains("'42' is not an alert id", badId.StandardError);
        var unknown = await CliProcess.RunAsync(["alerts", "ack", Guid.NewGuid().ToString()], Environment);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no open alert", unknown.StandardError);
        var badStatus = await CliProcess.RunAsync(["alerts", "list", "--status", "sleeping"], Environment);
        Assert.Equal(2, badStatus.ExitCode);
        Assert.Contains("not an alert status", badStatus.StandardError);
        Assert.Equal(1, (await CliProcess.RunAsync(["alerts", "ack", alert.AlertId.ToString(), "--as", "nobody@alerts.test"], Environment)).ExitCode);
    }
}
