using static LiveShop.Kernel.Verification.Rules.RuleText;

namespace LiveShop.Kernel.Verification.Rules;

/// <summary>The step limit shared by budgets and prices: a change larger than the policy's step needs approval.</summary>
internal static class StepRule
{
    /// <summary>
    /// The step from the current value (<c>{prefix}_step_current</c>) and from the value in force the look-back ago
    /// (<c>{prefix}_step_7d</c>: the earliest change's "from" since then, else the current value), so that many small
    /// steps cannot add up to a large one without approval.
    /// </summary>
    public static void CheckCurrentAndLookback(VerdictBuilder verdict, string prefix, string entity, decimal current, decimal? inForceThen,
        DateTimeOffset since, int lookbackDays, decimal proposed, decimal stepPct, string currentFact)
    {
        Check(verdict, $"{prefix}_step_current", $"the current {prefix}", current, proposed, stepPct, currentFact);
        var earlierFact = inForceThen is { } earlier
            ? $"{entity} {prefix} in force {lookbackDays} days ago={N(earlier)}"
            : $"{entity} no {prefix} change since {T(since)}; in force {lookbackDays} days ago={N(current)}";
        Check(verdict, $"{prefix}_step_7d", $"the {prefix} in force {lookbackDays} days ago", inForceThen ?? current, proposed, stepPct, earlierFact);
    }

    /// <summary>Passes a change from <paramref name="baseline"/> to <paramref name="proposed"/> within <paramref name="stepPct"/>, escalates to L2 otherwise.</summary>
    public static void Check(VerdictBuilder verdict, string id, string against, decimal baseline, decimal proposed, decimal stepPct, string fact)
    {
        if (baseline <= 0)
        {
            verdict.Escalate(id, RiskLevel.L2, $"a change from {against} of {N(baseline)} cannot be sized; needs approval", null, stepPct, fact);
            return;
        }
        var changePct = Math.Abs(proposed - baseline) * 100m / baseline;
        // Compare without division so "exactly 20 %" is never lost to rounding.
        if (Math.Abs(proposed - baseline) * 100m > baseline * stepPct)
            verdict.Escalate(id, RiskLevel.L2, $"change of {Pct(changePct)} from {against} ({N(baseline)}) is above {Pct(stepPct)}", changePct, stepPct, fact);
        else
            verdict.Pass(id, changePct, stepPct, fact);
    }
}
