using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Api;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary><c>approvals list|show|approve|reject</c>: the approval inbox for a named user.</summary>
internal static class ApprovalsCommand
{
    /// <summary>Exit code when the decision was refused (not authorised, conflicting, expired).</summary>
    public const int RefusedExitCode = 1;

    public static Command Create()
    {
        var approvals = new Command("approvals", "List, show, approve or reject approval requests.");

        var status = new Option<string?>("--status") { Description = "Only requests with this status (pending, approved, rejected, expired, executed, superseded)" };
        var list = new Command("list", "List approval requests, newest first.") { status };
        list.SetAction((result, ct) => WithPipelineAsync(result, async (sp, _) =>
        {
            ApprovalStatus? only = null;
            if (result.GetValue(status) is { } typed && (only = ApprovalStatuses.TryParse(typed)) is null)
                return Fail(result, $"'{typed}' is not an approval status ({string.Join(", ", ApprovalStatuses.All.Select(s => s.Code()))})", LiveShopCli.UsageExitCode);
            foreach (var a in await sp.GetRequiredService<ApprovalService>().ListAsync(only, 200, ct))
                result.Out().WriteLine($"{a.ApprovalId}  {a.Status.Code(),-10} {a.RiskLevel} {a.Action} by {a.RequestedBy}, expires {a.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm}Z  {a.Parameters.GetRawText()}");
            return 0;
        }, ct));

        var showId = new Argument<string>("id") { Description = "Approval id" };
        var show = new Command("show", "Show one approval request as JSON.") { showId };
        show.SetAction((result, ct) => WithPipelineAsync(result, async (sp, id) =>
        {
            var approval = await sp.GetRequiredService<ApprovalService>().GetAsync(id!.Value, ct);
            if (approval is null) return Fail(result, $"no approval {id}", RefusedExitCode);
            result.Out().WriteLine(JsonSerializer.Serialize(approval, JsonDefaults.Options));
            return 0;
        }, ct, result.GetValue(showId)));

        var approveId = new Argument<string>("id") { Description = "Approval id" };
        var approveAs = new Option<string>("--as") { Description = "Email of the approving user", Required = true };
        var approveReason = new Option<string?>("--reason") { Description = "Why" };
        var approve = new Command("approve", "Approve as a named user; the action then runs after re-verification against fresh facts.") { approveId, approveAs, approveReason };
        approve.SetAction((result, ct) => WithPipelineAsync(result, async (sp, id) =>
        {
            var decision = await sp.GetRequiredService<ApprovalService>().DecideAsync(
                new ApprovalDecisionRequest(id!.Value, result.GetValue(approveAs)!, ApprovalVote.Approve, result.GetValue(approveReason)), ct);
            if (!decision.Succeeded) return Fail(result, decision.Message, RefusedExitCode);
            var outcome = decision.Execution!;
            result.Out().WriteLine(JsonSerializer.Serialize(new
            {
                ApprovalId = id, Decision = decision.Message, Status = GatewayApi.StatusCode(outcome.Status),
                outcome.Packet.ActionId, outcome.ConnectorReference, NewApprovalId = outcome.ApprovalId, outcome.Message,
            }, JsonDefaults.Options));
            return outcome.Status == ActionStatus.Executed ? 0 : RefusedExitCode;
        }, ct, result.GetValue(approveId)));

        var rejectId = new Argument<string>("id") { Description = "Approval id" };
        var rejectAs = new Option<string>("--as") { Description = "Email of the rejecting user", Required = true };
        var rejectReason = new Option<string>("--reason") { Description = "Why (required)", Required = true };
        var reject = new Command("reject", "Reject as a named user, with a reason.") { rejectId, rejectAs, rejectReason };
        reject.SetAction((result, ct) => WithPipelineAsync(result, async (sp, id) =>
        {
            var reason = result.GetValue(rejectReason);
            if (string.IsNullOrWhiteSpace(reason)) return Fail(result, "--reason must not be empty", LiveShopCli.UsageExitCode);
            var decision = await sp.GetRequiredService<ApprovalService>().DecideAsync(
                new ApprovalDecisionRequest(id!.Value, result.GetValue(rejectAs)!, ApprovalVote.Reject, reason), ct);
            if (!decision.Succeeded) return Fail(result, decision.Message, RefusedExitCode);
            result.Out().WriteLine($"approval {id}: {decision.Message}");
            return 0;
        }, ct, result.GetValue(rejectId)));

        approvals.Add(list);
        approvals.Add(show);
        approvals.Add(approve);
        approvals.Add(reject);
        return approvals;
    }

    private static async Task<int> WithPipelineAsync(ParseResult result, Func<IServiceProvider, Guid?, Task<int>> run, CancellationToken cancellationToken, string? id = null)
    {
        Guid? approvalId = null;
        if (id is not null)
        {
            if (!Guid.TryParse(id, out var parsed)) return Fail(result, $"'{id}' is not an approval id (a uuid)", LiveShopCli.UsageExitCode);
            approvalId = parsed;
        }
        var configuration = LiveShopConfiguration.Build();
        await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
        var services = host.Services;
        return await run(services, approvalId);
    }

    internal static int Fail(ParseResult result, string message, int exitCode)
    {
        result.Error().WriteLine($"liveshop: {message}");
        return exitCode;
    }
}
