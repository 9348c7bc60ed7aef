using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification.Claims;
using LiveShop.Kernel.Verification.Facts;
using System.Text.Json;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary>What a rule family reads: the policy, the facts, and the proposed action's parameters.</summary>
internal readonly record struct RuleContext(
    BusinessPolicy Policy, BusinessFacts Facts, string Action, JsonElement Parameters, BannedClaimDetector ClaimDetector);

/// <summary>
/// Collects the checks of one verification and folds them into the strictest outcome:
/// deny &gt; L3 &gt; L2 &gt; L1 &gt; L0. Every check is recorded, passed ones included.
/// </summary>
internal sealed class VerdictBuilder
{
    private readonly List<InvariantCheck> _checks = new(8);
    private readonly List<string> _reasons = new(2);

    public bool Denied { get; private set; }

    public RiskLevel Risk { get; private set; } = RiskLevel.L0;

    public IReadOnlyList<InvariantCheck> Checks => _checks;

    public IReadOnlyList<string> Reasons => _reasons;

    /// <summary>Raises the risk class without a reason (an action family's base class).</summary>
    public void AtLeast(RiskLevel level)
    {
        if (level > Risk) Risk = level;
    }

    public void Pass(string id, decimal? value, decimal? threshold, params string[] facts) =>
        _checks.Add(new InvariantCheck { Id = id, Status = CheckStatus.Pass, Value = Round(value), Threshold = threshold, Facts = facts });

    public void NotApplicable(string id, params string[] facts) =>
        _checks.Add(new InvariantCheck { Id = id, Status = CheckStatus.NotApplicable, Facts = facts });

    public void Deny(string id, string reason, decimal? value, decimal? threshold, params string[] facts)
    {
        Denied = true;
        _reasons.Add(reason);
        _checks.Add(new InvariantCheck { Id = id, Status = CheckStatus.Fail, Value = Round(value), Threshold = threshold, Facts = facts });
    }

    public void Escalate(string id, RiskLevel level, string reason, decimal? value, decimal? threshold, params string[] facts)
    {
        AtLeast(level);
        _reasons.Add(reason);
        _checks.Add(new InvariantCheck { Id = id, Status = CheckStatus.Escalate, Value = Round(value), Threshold = threshold, Facts = facts });
    }

    /// <summary>Adds a reason for a check already recorded (one check, several findings).</summary>
    public void AddReason(string reason) => _reasons.Add(reason);

    public (Decision Decision, Approver Approver) Outcome() =>
        Denied ? (Decision.Deny, Approver.None)
        : Risk switch
        {
            RiskLevel.L3 => (Decision.RequireApproval, Approver.Founder),
            RiskLevel.L2 => (Decision.RequireApproval, Approver.AnyApprover),
            _ => (Decision.Allow, Approver.None),
        };

    // Decisions use exact values; the proof shows them to four places so a margin reads 18.2346, not 28 digits.
    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;
}
