using LiveShop.Kernel.Policies;
using System.Text.Json;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Database;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Kernel.Approvals;

/// <summary>
/// Persists approval requests and their decisions. Only an authorised principal decides; the first valid decision wins
/// (a compare-and-swap on the row version), repeating it is harmless, a conflicting one is refused; an expired request
/// never executes. Every request and decision is an event.
/// </summary>
public sealed class ApprovalGate(NpgsqlDataSource dataSource, PlatformEvents events, UserDirectory users, PolicyInForce policies, TimeProvider time, ApprovalOptions options)
{
    /// <summary>Opens a request for a signed require_approval verdict (or returns the open one for the same action id).</summary>
    public async Task<ApprovalRecord> RequestAsync(ActionPacket packet, Verdict verdict, string? onBehalfOf, CancellationToken cancellationToken)
    {
        if (verdict.Decision != Decision.RequireApproval)
            throw new ArgumentException("only a require_approval verdict opens an approval request", nameof(verdict));
        var argumentsHash = ActionHashes.Arguments(packet.ProposedAction, packet.Parameters);
        await using var context = CreateContext();
        var open = await context.Approvals.AsNoTracking().FirstOrDefaultAsync(
            a => a.ActionId == packet.ActionId && a.ArgumentsHash == argumentsHash && a.Status == "pending", cancellationToken);
        if (open is not null) return ApprovalRecord.From(open);

        var now = time.GetUtcNow();
        var approval = new Approval
        {
            Id = Guid.NewGuid(),
            ActionId = packet.ActionId,
            ActionName = packet.ProposedAction,
            Parameters = JsonDocument.Parse(packet.Parameters.GetRawText()),
            ArgumentsHash = argumentsHash,
            RiskLevel = verdict.RiskLevel.ToString(),
            RequiredApprover = ApproverCode(verdict.Approver),
            RequestedBy = packet.RequestedBy ?? onBehalfOf ?? "unknown",
            OnBehalfOf = onBehalfOf,
            RequestedAt = now,
            ExpiresAt = now + options.Expiry,
            Status = "pending",
            Verdict = JsonSerializer.SerializeToDocument(verdict, JsonDefaults.Options),
            Packet = JsonSerializer.SerializeToDocument(packet, JsonDefaults.Options),
            ChannelMessages = JsonDocument.Parse("[]"),
        };
        context.Approvals.Add(approval);
        await context.SaveChangesAsync(cancellationToken);
        await events.AppendAsync("ApprovalRequested", approval.Id.ToString(), new
        {
            ApprovalId = approval.Id.ToString(), approval.ActionId, Action = approval.ActionName, approval.RiskLevel,
            approval.RequiredApprover, approval.RequestedBy, approval.ExpiresAt, approval.ArgumentsHash,
        }, cancellationToken);
        return ApprovalRecord.From(approval);
    }

    /// <summary>The approval, or null.</summary>
    public async Task<ApprovalRecord?> GetAsync(Guid approvalId, CancellationToken cancellationToken)
    {
        await using var context = CreateContext();
        var approval = await context.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == approvalId, cancellationToken);
        return approval is null ? null : ApprovalRecord.From(approval);
    }

    /// <summary>Approvals, newest first, optionally of one status (pending requests past their expiry are marked expired first).</summary>
    public async Task<IReadOnlyList<ApprovalRecord>> ListAsync(string? status, int limit, CancellationToken cancellationToken)
    {
        await ExpireOverdueAsync(cancellationToken);
        await using var context = CreateContext();
        var query = context.Approvals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status)) query = query.Where(a => a.Status == status);
        var rows = await query.OrderByDescending(a => a.RequestedAt).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ApprovalRecord.From).ToList();
    }

    /// <summary>Approves as <paramref name="approverEmail"/>, who must be authorised for the request.</summary>
    public Task<ApprovalDecisionResult> ApproveAsync(Guid approvalId, string approverEmail, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(approvalId, approverEmail, "approved", reason, cancellationToken);

    /// <summary>Rejects as <paramref name="approverEmail"/>; a rejection needs a reason.</summary>
    public Task<ApprovalDecisionResult> RejectAsync(Guid approvalId, string approverEmail, string reason, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(new ApprovalDecisionResult(ApprovalDecisionStatus.Invalid, "a rejection needs a reason", null))
            : DecideAsync(approvalId, approverEmail, "rejected", reason, cancellationToken);

    /// <summary>Marks an approved request as executed, or as superseded when fresh facts changed its verdict.</summary>
    public async Task<bool> CloseAsync(Guid approvalId, string status, string reason, CancellationToken cancellationToken)
    {
        if (status is not ("executed" or "superseded" or "expired"))
            throw new ArgumentException($"'{status}' does not close an approval", nameof(status));
        await using var command = dataSource.CreateCommand(
            "UPDATE approvals SET status = $2, decision_reason = coalesce(decision_reason || '; ', '') || $3 WHERE id = $1 AND status IN ('approved', 'pending')");
        command.Parameters.Add(new() { Value = approvalId });
        command.Parameters.Add(new() { Value = status });
        command.Parameters.Add(new() { Value = reason });
        var changed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (changed && status != "executed")
        {
            var approval = await GetAsync(approvalId, cancellationToken);
            await events.AppendAsync("ApprovalDecided", $"{approvalId}:{status}", new
            {
                ApprovalId = approvalId.ToString(), approval!.ActionId, approval.Action, Decision = status, DecidedBy = "liveshop.gateway", Reason = reason,
            }, cancellationToken);
        }
        return changed;
    }

    private async Task<ApprovalDecisionResult> DecideAsync(Guid approvalId, string approverEmail, string decision, string? reason, CancellationToken cancellationToken)
    {
        var principal = await users.FindAsync(approverEmail, cancellationToken);
        var roles = (await policies.GetAsync(cancellationToken)).Roles;
        for (var attempt = 0; ; attempt++)
        {
            await using var context = CreateContext();
            var approval = await context.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, cancellationToken);
            if (approval is null) return new(ApprovalDecisionStatus.NotFound, $"no approval {approvalId}", null);

            var authority = ApprovalAuthority.Check(principal, new ApprovalSubject
            {
                RiskLevel = Enum.Parse<RiskLevel>(approval.RiskLevel),
                RequiredApprover = approval.RequiredApprover == "founder" ? Approver.Founder : Approver.AnyApprover,
                RequestedBy = approval.RequestedBy,
                OnBehalfOf = approval.OnBehalfOf,
            }, roles);
            if (!authority.Allowed) return new(ApprovalDecisionStatus.Refused, authority.Reason, ApprovalRecord.From(approval));

            if (approval.Status != "pending") return Settled(approval, principal!.Email, decision);
            if (time.GetUtcNow() >= approval.ExpiresAt)
            {
                await CloseAsync(approval.Id, "expired", "expired before a decision", cancellationToken);
                return new(ApprovalDecisionStatus.Expired, $"approval {approvalId} expired at {approval.ExpiresAt.UtcDateTime:O}; it will never execute",
                    await GetAsync(approvalId, cancellationToken));
            }

            approval.Status = decision;
            approval.DecidedBy = principal!.Email;
            approval.DecidedAt = time.GetUtcNow();
            approval.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                continue; // someone decided between our read and write: re-read and report their decision
            }
            await events.AppendAsync("ApprovalDecided", $"{approval.Id}:{decision}", new
            {
                ApprovalId = approval.Id.ToString(), approval.ActionId, Action = approval.ActionName, Decision = decision,
                approval.DecidedBy, Reason = approval.DecisionReason,
            }, cancellationToken);
            return new(ApprovalDecisionStatus.Decided, $"{decision} by {approval.DecidedBy}", ApprovalRecord.From(approval));
        }
    }

    private static ApprovalDecisionResult Settled(Approval approval, string approver, string decision)
    {
        var sameDecision = approval.Status == decision || (decision == "approved" && approval.Status == "executed");
        if (sameDecision && approval.DecidedBy is { } by && ApprovalAuthority.SamePerson(by, approver))
            return new(ApprovalDecisionStatus.AlreadyDecided, $"already {decision} by {by}", ApprovalRecord.From(approval));
        var verb = decision == "approved" ? "approve" : "reject";
        var who = approval.DecidedBy is null ? "" : $" by {approval.DecidedBy}";
        return new(approval.Status == "expired" ? ApprovalDecisionStatus.Expired : ApprovalDecisionStatus.Conflict,
            $"cannot {verb}: the approval is already {approval.Status}{who}", ApprovalRecord.From(approval));
    }

    private async Task ExpireOverdueAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM approvals WHERE status = 'pending' AND expires_at <= $1");
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        var overdue = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) overdue.Add(reader.GetGuid(0));
        foreach (var id in overdue) await CloseAsync(id, "expired", "expired before a decision", cancellationToken);
    }

    private LiveShopDbContext CreateContext() => LiveShopDataSource.CreateContext(dataSource);

    private static string ApproverCode(Approver approver) => approver switch
    {
        Approver.Founder => "founder",
        Approver.AnyApprover => "any_approver",
        _ => "none",
    };
}
