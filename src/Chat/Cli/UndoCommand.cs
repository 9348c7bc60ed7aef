using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Api;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Actions;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary><c>undo ACTION_ID --as EMAIL</c>: submits the recorded inverse of an executed action as a new, verified action.</summary>
internal static class UndoCommand
{
    public static Command Create()
    {
        var actionId = new Argument<string>("action-id") { Description = "The action_id of the executed action" };
        var requester = new Option<string>("--as") { Description = "Email of the user asking for the undo", Required = true };
        var undo = new Command("undo", "Undo an executed action where possible (the undo is verified like any action).") { actionId, requester };
        undo.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var services = host.Services;
            var undone = await services.GetRequiredService<ActionPipeline>().UndoAsync(result.GetValue(actionId)!, result.GetValue(requester)!, cancellationToken);
            if (undone.Outcome is not { } outcome) return ApprovalsCommand.Fail(result, undone.Message, ApprovalsCommand.RefusedExitCode);
            result.Out().WriteLine(JsonSerializer.Serialize(new
            {
                outcome.Packet.ActionId, Action = outcome.Packet.ProposedAction, Status = GatewayApi.StatusCode(outcome.Status),
                outcome.ApprovalId, outcome.ConnectorReference, undone.Message,
            }, JsonDefaults.Options));
            return outcome.Status is ActionStatus.Executed or ActionStatus.AwaitingApproval ? 0 : ApprovalsCommand.RefusedExitCode;
        });
        return undo;
    }
}
