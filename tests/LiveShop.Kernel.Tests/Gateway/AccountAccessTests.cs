using LiveShop.Kernel.Accounts;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Gateway;

public sealed class AccountAccessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly Scenario _scenario = new();

    private async Task<GatewayHarness> CreateAsync()
    {
        await using (var reset = database.OwnerDataSource.CreateCommand(
            "TRUNCATE gateway_executions, decision_log, approvals; DELETE FROM users WHERE email LIKE '%@test.local'"))
            await reset.ExecuteNonQueryAsync();
        var access = new ModifyAccountAccessExecutor(database.DataSource, new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System);
        return await GatewayHarness.CreateAsync(database, new ChangingFacts(_scenario.Snapshot), [access]);
    }

    private static ActionPacket Access(object parameters, string requestedBy = "agent:security_compliance") =>
        ActionPacket.Create("modify_account_access", parameters) with { RequestedBy = requestedBy, Agent = "security_compliance" };

    private static async Task<ActionOutcome> ApprovedByFounderAsync(GatewayHarness h, ActionPacket packet)
    {
        var requested = await h.Pipeline.SubmitAsync(packet);
        Assert.Equal(ActionStatus.AwaitingApproval, requested.Status);
        Assert.Equal(RiskLevel.L3, requested.Verdict.RiskLevel);
        var decided = await h.Pipeline.ApproveAndExecuteAsync(requested.ApprovalId!.Value, GatewayHarness.Founder, null, default);
        Assert.True(decided.Decision.Succeeded, decided.Decision.Message);
        return decided.Outcome!;
    }

    private async Task<(string Role, bool Disabled, string? Stamp)> UserAsync(string email)
    {
        await using var command = database.DataSource.CreateCommand("SELECT role, disabled, security_stamp FROM users WHERE email = $1");
        command.Parameters.Add(new() { Value = email });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    [Fact]
    public async Task A_founder_approved_role_change_applies_ends_sign_ins_and_is_undone_by_restoring_the_role()
    {
        var h = await CreateAsync();
        var change = await ApprovedByFounderAsync(h, Access(new { user = GatewayHarness.Support, role = "approver", reason = "covers refunds" }));

        Assert.Equal(ActionStatus.Executed, change.Status);
        var (role, disabled, stamp) = await UserAsync(GatewayHarness.Support);
        Assert.Equal(("approver", false), (role, disabled));
        Assert.NotNull(stamp);
        Assert.Equal("approver", (await new UserDirectory(database.DataSource).FindAsync(GatewayHarness.Support, default))!.Role);
        Assert.Equal(1, await h.ScalarAsync(
            "SELECT count(*) FROM business_events WHERE type = 'AccountAccessChanged' AND data->>'action_id' = $1 AND data->>'from_role' = 'support' AND data->>'to_role' = 'approver'",
            change.Packet.ActionId));

        var undo = await h.Pipeline.UndoAsync(change.Packet.ActionId, GatewayHarness.Founder, default);
        var undone = await h.Pipeline.ApproveAndExecuteAsync(undo.Outcome!.ApprovalId!.Value, GatewayHarness.Founder, null, default);
        Assert.Equal(ActionStatus.Executed, undone.Outcome!.Status);
        var restored = await UserAsync(GatewayHarness.Support);
        Assert.Equal("support", restored.Role);
        Assert.NotEqual(stamp, restored.Stamp);
    }

    [Fact]
    public async Task Disabling_and_reenabling_a_user_is_recorded_and_undone()
    {
        var h = await CreateAsync();
        var disable = await ApprovedByFounderAsync(h, Access(new { user = GatewayHarness.Developer, disabled = true }));
        Assert.Equal(ActionStatus.Executed, disable.Status);
        Assert.True((await UserAsync(GatewayHarness.Developer)).Disabled);

        var undo = await h.Pipeline.UndoAsync(disable.Packet.ActionId, GatewayHarness.Founder, default);
        Assert.Equal(ActionStatus.Executed, (await h.Pipeline.ApproveAndExecuteAsync(undo.Outcome!.ApprovalId!.Value, GatewayHarness.Founder, null, default)).Outcome!.Status);
        Assert.Equal(("developer", false), ((await UserAsync(GatewayHarness.Developer)).Role, (await UserAsync(GatewayHarness.Developer)).Disabled));
    }

    [Theory]
    [InlineData("demote")]
    [InlineData("disable")]
    public async Task The_last_enabled_founder_can_be_neither_demoted_nor_disabled(string how)
    {
        var h = await CreateAsync();
        object parameters = how == "disable" ? new { user = GatewayHarness.Founder, disabled = true } : new { user = GatewayHarness.Founder, role = "approver" };

        var outcome = await ApprovedByFounderAsync(h, Access(parameters));

        Assert.Equal(ActionStatus.Failed, outcome.Status);
        Assert.Contains("last enabled founder", outcome.Message);
        Assert.Equal(("founder", false, (string?)null), await UserAsync(GatewayHarness.Founder));
    }

    [Fact]
    public async Task A_second_founder_makes_demoting_the_first_possible()
    {
        var h = await CreateAsync();
        Assert.Equal(ActionStatus.Executed, (await ApprovedByFounderAsync(h, Access(new { user = GatewayHarness.Approver, role = "founder" }))).Status);
        Assert.Equal(ActionStatus.Executed, (await ApprovedByFounderAsync(h, Access(new { user = GatewayHarness.Founder, role = "approver" }))).Status);
        Assert.Equal("approver", (await UserAsync(GatewayHarness.Founder)).Role);
    }

    [Fact]
    public async Task An_unknown_user_fails_with_a_clear_message_and_a_bad_request_is_denied_by_the_verifier()
    {
        var h = await CreateAsync();
        var unknown = await ApprovedByFounderAsync(h, Access(new { user = "nobody@test.local", role = "approver" }));
        Assert.Equal(ActionStatus.Failed, unknown.Status);
        Assert.Contains("there is no user 'nobody@test.local'", unknown.Message);

        var badRole = await h.Pipeline.SubmitAsync(Access(new { user = GatewayHarness.Support, role = "admin" }));
        Assert.Equal(ActionStatus.Denied, badRole.Status);
        Assert.Contains("'admin' is not a role", badRole.Message);

        var both = await h.Pipeline.SubmitAsync(Access(new { user = GatewayHarness.Support, role = "approver", disabled = true }));
        Assert.Equal(ActionStatus.Denied, both.Status);
        Assert.Contains("exactly one of 'role' or 'disabled'", both.Message);
    }
}
