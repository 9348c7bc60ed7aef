namespace LiveShop.Kernel.Verification.Rules;

/// <summary>
/// The kill switch as an invariant: while autonomy is off, an action requested by <c>automation:</c> escalates to the
/// founder (L3) instead of running, and the signed proof says why. Denials stay denials; agents' and people's requests
/// are not touched (the check is recorded only for automation).
/// </summary>
internal static class AutonomyRule
{
    /// <summary>The requester prefix of scheduled jobs, reactions and guardrails.</summary>
    public const string AutomationPrefix = "automation:";

    public static void Evaluate(ActionPacket packet, bool autonomyOn, VerdictBuilder verdict)
    {
        if (packet.RequestedBy is not { } requester || !requester.StartsWith(AutomationPrefix, StringComparison.Ordinal)) return;
        if (autonomyOn)
            verdict.Pass("autonomy_off", null, null, "autonomy is on");
        else
            verdict.Escalate("autonomy_off", RiskLevel.L3,
                $"autonomy is off: {requester} may only propose, the founder approves", null, null, "autonomy is off (kill switch)");
    }
}
