using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Kernel.Approvals.Surfaces;

/// <summary>
/// Decides approvals directly on the approvals table: founder or approver role for L2, founder only for L3, nobody
/// approves their own request, disabled and unknown users cannot act; the row version makes the first decision win.
/// </summary>
public sealed class ApprovalTableDecisions(NpgsqlDataSource dataSource, TimeProvider time) : IApprovalDecisions
{
    /// <inheritdoc />
    public async Task<ApprovalCardModel?> GetAsync(Guid approvalId, CancellationToken cancellationToken)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var approval = await context.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == approvalId, cancellationToken);
        return approval is null ? null : ApprovalCards.From(approval);
    }

    /// <inheritdoc />
    public async Task<ApprovalDecisionOutcome> DecideAsync(Guid approvalId, string approverEmail, ApprovalVote vote, string? reason, CancellationToken cancellationToken)
    {
        if (vote == ApprovalVote.Reject && string.IsNullOrWhiteSpace(reason))
            return new(ApprovalDecisionKind.Invalid, "a rejection needs a reason", null);
        var decision = vote == ApprovalVote.Approve ? "approved" : "rejected";
        for (var attempt = 0; ; attempt++)
        {
            await using var context = LiveShopDataSource.CreateContext(dataSource);
            var approval = await context.Approvals.FirstOrDefaultAsync(a => a.Id == approvalId, cancellationToken);
            if (approval is null) return new(ApprovalDecisionKind.NotFound, $"no approval {approvalId}", null);
            var user = await context.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email.ToLower() == approverEmail.ToLower(), cancellationToken);
            var card = ApprovalCards.From(approval);
            var refusal = user is null ? "unknown user: only a registered user can decide an approval"
                : user.Disabled ? $"{user.Email} is disabled and cannot act"
                : user.Role is not ("founder" or "approver") ? $"{user.Email} has the {user.Role} role, which can never approve actions that need approval (money movement, L2 and above)"
                : string.Equals(user.Email, approval.RequestedBy, StringComparison.OrdinalIgnoreCase) ? $"{user.Email} requested this action and cannot approve their own request"
                : card.NeedsFounder && user.Role != "founder" ? $"this is an L3 action: only the founder may approve it, not {user.Email} ({user.Role})"
                : null;
            if (refusal is not null) return new(ApprovalDecisionKind.Refused, refusal, card);

            if (approval.Status != "pending")
            {
                var same = (approval.Status == decision || (decision == "approved" && approval.Status == "executed"))
                    && string.Equals(approval.DecidedBy, user!.Email, StringComparison.OrdinalIgnoreCase);
                return same
                    ? new(ApprovalDecisionKind.AlreadyDecided, $"already {decision} by {approval.DecidedBy}", card)
                    : new(approval.Status == "expired" ? ApprovalDecisionKind.Expired : ApprovalDecisionKind.Conflict,
                        $"the approval is already {approval.Status}{(approval.DecidedBy is null ? "" : $" by {approval.DecidedBy}")}", card);
            }
            if (time.GetUtcNow() >= approval.ExpiresAt)
                return new(ApprovalDecisionKind.Expired, $"approval {approvalId} expired; it will never run", card);

            approval.Status = decision;
            approval.DecidedBy = user!.Email;
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
            return new(ApprovalDecisionKind.Decided, $"{decision} by {approval.DecidedBy}", ApprovalCards.From(approval));
        }
    }
}
