using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

public sealed class PolicyCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-policy-cli-test"),
    };

    [Fact]
    public async Task Policy_show_names_the_adopted_version_and_history_lists_the_change()
    {
        var initial = PolicyLoader.LoadDefault();
        var before = await CliProcess.RunAsync(["policy", "show"], Environment);
        Assert.Equal(0, before.ExitCode);
        Assert.Equal(initial.Version, JsonDocument.Parse(before.StandardOutput).RootElement.GetProperty("version").GetString());

        var policies = new PolicyInForce(initial, new AdoptedPolicies(database.DataSource));
        var change = ActionPacket.Create("change_policy", new { changes = new Dictionary<string, decimal> { ["ads.daily_cap"] = 6500 }, reason = "Q4" })
            with { RequestedBy = "founder@test.local" };
        await new ChangePolicyExecutor(database.DataSource, new EventStore(database.DataSource, TimeProvider.System), policies, TimeProvider.System)
            .ExecuteAsync(change, default);

        var shown = JsonDocument.Parse((await CliProcess.RunAsync(["policy", "show"], Environment)).StandardOutput).RootElement;
        Assert.Equal(policies.Current.Version, shown.GetProperty("version").GetString());
        Assert.Equal(6500m, shown.GetProperty("settings").GetProperty("ads").GetProperty("daily_cap").GetDecimal());
        Assert.Contains("change_policy", shown.GetProperty("source").GetString());

        var history = JsonDocument.Parse((await CliProcess.RunAsync(["policy", "history"], Environment)).StandardOutput).RootElement;
        var adopted = Assert.Single(history.GetProperty("changes").EnumerateArray());
        Assert.Equal(change.ActionId, adopted.GetProperty("action_id").GetString());
        Assert.Equal(initial.Version, adopted.GetProperty("previous_version").GetString());
        Assert.Equal("ads.daily_cap", adopted.GetProperty("changes")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Gateway_stuck_lists_claims_left_in_progress_past_the_lease()
    {
        await using (var insert = database.DataSource.CreateCommand(
            """
            INSERT INTO gateway_executions (id, idempotency_key, action_id, action, arguments_hash, status, created_at, claimed_at, attempts) VALUES
              (gen_random_uuid(), 'stuck-old', 'a_old', 'refund_order', 'sha256:x', 'in_progress', now() - interval '1 hour', now() - interval '1 hour', 1),
              (gen_random_uuid(), 'stuck-new', 'a_new', 'refund_order', 'sha256:y', 'in_progress', now(), now(), 1)
            """))
            await insert.ExecuteNonQueryAsync();

        var listed = await CliProcess.RunAsync(["gateway", "stuck"], Environment);

        Assert.Equal(0, listed.ExitCode);
        var stuck = JsonDocument.Parse(listed.StandardOutput).RootElement.GetProperty("stuck");
        Assert.Equal(["stuck-old"], stuck.EnumerateArray().Select(s => s.GetProperty("idempotency_key").GetString()));
    }
}
