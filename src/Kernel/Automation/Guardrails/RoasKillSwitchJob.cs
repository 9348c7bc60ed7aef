using System.Globalization;
using LiveShop.Kernel.Automation.Jobs;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Kernel.Automation.Guardrails;

/// <summary>
/// The ROAS kill switch as a routine: an active ad set whose 7-day ROAS stayed below the policy's floor at the close of
/// each of the last N days is paused (the verifier alone only refuses to raise its budget). Runs nightly.
/// </summary>
public sealed class RoasKillSwitchJob(IDbContextFactory<LiveShopDbContext> contexts, PolicyInForce policies, AutomationRequester requester) : IBusinessJob
{
    /// <summary>The job's and the automation's name.</summary>
    public const string JobName = "roas_kill_switch";

    /// <inheritdoc />
    public string Name => JobName;
    /// <inheritdoc />
    public string DefaultCron => "0 15 0 * * ?";
    /// <inheritdoc />
    public string Description => "Pauses active ad sets whose 7-day ROAS stayed below the kill-switch floor for the policy's number of days.";

    /// <inheritdoc />
    public async Task<BusinessJobResult> RunAsync(BusinessJobContext context, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(cancellationToken);
        var guardrail = policy.Automation.RoasKillSwitch;
        if (!guardrail.Enabled) return new BusinessJobResult("off in the policy (automation.roas_kill_switch.enabled)");
        var floor = policy.Ads.RoasKillSwitch;
        var day = AdSetPerformance.LastClosedDay(context.BusinessNow);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var failing = (await AdSetPerformance.ReadAsync(db, day, guardrail.Days, cancellationToken))
            .Where(a => a.ClosingRoas.All(r => r is { } roas && roas < floor)).ToList();
        foreach (var adSet in failing)
        {
            var roas = string.Join(", ", adSet.ClosingRoas.Select(r => r!.Value.ToString("0.00", CultureInfo.InvariantCulture)));
            await GuardrailPauses.RequestAsync(requester, JobName, day, adSet.Id,
                $"7-day ROAS of {adSet.Id} stayed below the kill-switch floor {floor} at the close of the last {adSet.ClosingRoas.Count} days ({roas})", cancellationToken);
        }
        return new BusinessJobResult(failing.Count == 0
            ? $"no active ad set below ROAS {floor} for {guardrail.Days} days up to {day:yyyy-MM-dd}"
            : $"asked to pause {string.Join(", ", failing.Select(a => a.Id))}", failing.Count);
    }
}
