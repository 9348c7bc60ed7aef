using System.Text.Json;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Database;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Kernel.Approvals;

/// <summary>Where a request stands, without its verdict and packet: what the goal queue and the card sync need.</summary>
public sealed record ApprovalState(Guid ApprovalId, ApprovalStatus Status, string? DecisionReason, DateTimeOffset ExpiresAt);

/// <summary>
/// The only reader and writer of the <c>approvals</c> table. Transitions are conditional updates, so the first valid
/// decision wins without a lock: a decision moves only a pending, unexpired row; a close moves only the statuses it may
/// follow. Who may decide, and the events a transition writes, are the <see cref="ApprovalGate"/>'s business.
/// </summary>
public sealed class ApprovalStore(NpgsqlDataSource dataSource)
{
    /// <summary>Files a new request.</summary>
    public async Task AddAsync(ApprovalRecord approval, CancellationToken cancellationToken)
    {
        await using var context = CreateContext();
        context.Approvals.Add(new Approval
        {
            Id = approval.ApprovalId,
            ActionId = approval.ActionId,
            ActionName = approval.Action,
            Parameters = JsonDocument.Parse(approval.Parameters.GetRawText()),
            ArgumentsHash = approval.ArgumentsHash,
            RiskLevel = approval.RiskLevel,
            RequiredApprover = approval.RequiredApprover,
            RequestedBy = approval.RequestedBy,
            OnBehalfOf = approval.OnBehalfOf,
            RequestedAt = approval.RequestedAt,
            ExpiresAt = approval.ExpiresAt,
            Status = approval.Status.Code(),
            Verdict = JsonSerializer.SerializeToDocument(approval.Verdict, JsonDefaults.Options),
            Packet = JsonSerializer.SerializeToDocument(approval.Packet, JsonDefaults.Options),
            ChannelMessages = JsonDocument.Parse("[]"),
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The request, or null.</summary>
    public async Task<ApprovalRecord?> GetAsync(Guid approvalId, CancellationToken cancellationToken)
    {
        await using var context = CreateContext();
        var row = await context.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == approvalId, cancellationToken);
        return row is null ? null : Record(row);
    }

    /// <summary>The pending request for this action id and arguments, or null.</summary>
    public async Task<ApprovalRecord?> FindPendingAsync(string actionId, string argumentsHash, CancellationToken cancellationToken)
    {
        var pending = ApprovalStatus.Pending.Code();
        await using var context = CreateContext();
        var row = await context.Approvals.AsNoTracking().FirstOrDefaultAsync(
            a => a.ActionId == actionId && a.ArgumentsHash == argumentsHash && a.Status == pending, cancellationToken);
        return row is null ? null : Record(row);
    }

    /// <summary>Requests, newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<ApprovalRecord>> ListAsync(ApprovalStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var context = CreateContext();
        var query = context.Approvals.AsNoTracking();
        if (status is { } only)
        {
            var code = only.Code();
            query = query.Where(a => a.Status == code);
        }
        var rows = await query.OrderByDescending(a => a.RequestedAt).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(Record).ToList();
    }

    /// <summary>Ids of pending requests whose expiry is at or before <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<Guid>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = ApprovalStatus.Pending.Code();
        await using var context = CreateContext();
        return await context.Approvals.AsNoTracking().Where(a => a.Status == pending && a.ExpiresAt <= now)
            .Select(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Ids of requests still pending and unexpired at <paramref name="now"/>, requested since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> PendingSinceAsync(DateTimeOffset since, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var pending = ApprovalStatus.Pending.Code();
        await using var context = CreateContext();
        return await context.Approvals.AsNoTracking()
            .Where(a => a.Status == pending && a.ExpiresAt > now && a.RequestedAt >= since)
            .OrderBy(a => a.RequestedAt).Take(limit).Select(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Where each of these requests stands (unknown ids are left out).</summary>
    public async Task<IReadOnlyList<ApprovalState>> StatesAsync(IReadOnlyCollection<Guid> approvalIds, CancellationToken cancellationToken)
    {
        if (approvalIds.Count == 0) return [];
        await using var context = CreateContext();
        var rows = await context.Approvals.AsNoTracking().Where(a => approvalIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Status, a.DecisionReason, a.ExpiresAt }).ToListAsync(cancellationToken);
        return rows.Select(a => new ApprovalState(a.Id, ApprovalStatuses.Parse(a.Status), a.DecisionReason, a.ExpiresAt)).ToList();
    }

    /// <summary>
    /// Records a person's decision if the request is still pending and unexpired at <paramref name="at"/>; false when
    /// someone decided first or it lapsed (the row is left as it was).
    /// </summary>
    public async Task<bool> TryDecideAsync(Guid approvalId, ApprovalStatus decision, string decidedBy, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        if (decision is not (ApprovalStatus.Approved or ApprovalStatus.Rejected))
            throw new ArgumentException($"'{decision.Code()}' is not a decision", nameof(decision));
        var pending = ApprovalStatus.Pending.Code();
        var code = decision.Code();
        await using var context = CreateContext();
        return await context.Approvals.Where(a => a.Id == approvalId && a.Status == pending && a.ExpiresAt > at)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, code)
                .SetProperty(a => a.DecidedBy, decidedBy)
                .SetProperty(a => a.DecidedAt, at)
                .SetProperty(a => a.DecisionReason, reason), cancellationToken) == 1;
    }

    /// <summary>
    /// Closes the request into <paramref name="closing"/> (executed, superseded, expired) from a status that may precede it,
    /// appending <paramref name="reason"/> to the decision's reason; false when it had already moved on.
    /// </summary>
    public async Task<bool> TryCloseAsync(Guid approvalId, ApprovalStatus closing, string reason, CancellationToken cancellationToken)
    {
        var from = ApprovalStatuses.ClosableInto(closing).Select(s => s.Code()).ToList();
        var code = closing.Code();
        await using var context = CreateContext();
        return await context.Approvals.Where(a => a.Id == approvalId && from.Contains(a.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, code)
                .SetProperty(a => a.DecisionReason, a => a.DecisionReason == null ? reason : a.DecisionReason + "; " + reason), cancellationToken) == 1;
    }

    private LiveShopDbContext CreateContext() => LiveShopDataSource.CreateContext(dataSource);

    private static ApprovalRecord Record(Approval a)
    {
        var verdict = a.Verdict.RootElement.Deserialize<Verdict>(JsonDefaults.Options)!;
        var packet = a.Packet?.RootElement.Deserialize<ActionPacket>(JsonDefaults.Options)
            ?? new ActionPacket { ActionId = a.ActionId, ProposedAction = a.ActionName, Parameters = a.Parameters.RootElement.Clone(), RequestedBy = a.RequestedBy };
        return new ApprovalRecord
        {
            ApprovalId = a.Id, ActionId = a.ActionId, Action = a.ActionName, Parameters = a.Parameters.RootElement.Clone(),
            ArgumentsHash = a.ArgumentsHash, RiskLevel = a.RiskLevel, RequiredApprover = a.RequiredApprover,
            RequestedBy = a.RequestedBy, OnBehalfOf = a.OnBehalfOf, RequestedAt = a.RequestedAt, ExpiresAt = a.ExpiresAt,
            Status = ApprovalStatuses.Parse(a.Status), DecidedBy = a.DecidedBy, DecidedAt = a.DecidedAt, DecisionReason = a.DecisionReason,
            Verdict = verdict, Packet = packet,
        };
    }
}
