using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Kernel.Actions.Definitions.Ads;

namespace LiveShop.Plugins.Sandbox.Actions;

/// <summary><see cref="ScaleAdSetAction"/>: sets the daily budget, keeps the change as history; undone by scaling back.</summary>
public sealed class ScaleAdSetExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => ScaleAdSetAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var adSetId = BusinessUnitOfWork.Text(packet, "ad_set_id");
            var budget = BusinessUnitOfWork.Number(packet, "new_daily_budget");
            var adSet = await BusinessUnitOfWork.FindForUpdateAsync(db, db.AdSets, adSetId, "ad set", cancellationToken);
            var previous = adSet.DailyBudget;
            adSet.DailyBudget = budget;
            var change = new AdSetBudgetChange
            {
                AdSetId = adSetId, FromBudget = previous, ToBudget = budget, ChangedAt = business.Now, ChangedBy = packet.RequestedBy ?? "agent:unknown",
            };
            db.AdSetBudgetChanges.Add(change);
            var result = new ExecutionResult
            {
                ConnectorReference = $"{adSetId}@{budget}",
                Summary = $"ad set {adSetId} daily budget {previous} → {budget}",
                Details = BusinessUnitOfWork.Json(new { AdSetId = adSetId, FromBudget = previous, ToBudget = budget }),
                Inverse = new ActionInverse(ScaleAdSetAction.ActionName, BusinessUnitOfWork.Json(new { AdSetId = adSetId, NewDailyBudget = previous })),
            };
            return (result, [("AdSetScaled", new { AdSetId = adSetId, FromBudget = previous, ToBudget = budget })]);
        }, packet.ActionId, cancellationToken);
}

/// <summary><see cref="PauseAdSetAction"/>: stops an ad set's spend.</summary>
public sealed class PauseAdSetExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => PauseAdSetAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var adSetId = BusinessUnitOfWork.Text(packet, "ad_set_id");
            var adSet = await BusinessUnitOfWork.FindAsync(db.AdSets, adSetId, "ad set", cancellationToken);
            var previous = adSet.Status;
            adSet.Status = "paused";
            var result = new ExecutionResult
            {
                ConnectorReference = $"{adSetId}:paused",
                Summary = $"ad set {adSetId} paused (was {previous})",
                Details = BusinessUnitOfWork.Json(new { AdSetId = adSetId, PreviousStatus = previous }),
                // Undone by resuming only when it was active: the resume is verified against the daily cap.
                Inverse = previous == "active" ? new ActionInverse(ResumeAdSetAction.ActionName, BusinessUnitOfWork.Json(new { AdSetId = adSetId })) : null,
                IrreversibleBecause = previous == "active" ? null : $"the ad set was already {previous}; there is nothing to resume",
            };
            return (result, [("AdSetPaused", new { AdSetId = adSetId, Reason = packet.Agent is null ? "paused" : $"paused by {packet.Agent}" })]);
        }, packet.ActionId, cancellationToken);
}

/// <summary><see cref="ResumeAdSetAction"/>: the ad set spends again at its daily budget; undone by pausing it.</summary>
public sealed class ResumeAdSetExecutor(BusinessUnitOfWork business) : IActionExecutor
{
    /// <inheritdoc />
    public string Action => ResumeAdSetAction.ActionName;

    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var adSetId = BusinessUnitOfWork.Text(packet, "ad_set_id");
            var adSet = await BusinessUnitOfWork.FindForUpdateAsync(db, db.AdSets, adSetId, "ad set", cancellationToken);
            adSet.Status = "active";
            var result = new ExecutionResult
            {
                ConnectorReference = $"{adSetId}:active",
                Summary = $"ad set {adSetId} resumed at {adSet.DailyBudget} a day",
                Details = BusinessUnitOfWork.Json(new { AdSetId = adSetId, adSet.DailyBudget }),
                Inverse = new ActionInverse(PauseAdSetAction.ActionName, BusinessUnitOfWork.Json(new { AdSetId = adSetId })),
            };
            return (result, Array.Empty<(string, object)>());
        }, packet.ActionId, cancellationToken);
}
