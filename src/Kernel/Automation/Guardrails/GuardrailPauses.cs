using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Actions.Definitions.Ads;

namespace LiveShop.Kernel.Automation.Guardrails;

/// <summary>How a guardrail asks for an ad set to be paused: as the job, once per (job, day, ad set), with its reason.</summary>
internal static class GuardrailPauses
{
    public static Task<ActionOutcome> RequestAsync(
        AutomationRequester requester, string job, DateOnly day, string adSetId, string reason, CancellationToken cancellationToken) =>
        requester.RequestAsync(new AutomationRequest(job, PauseAdSetAction.ActionName,
            new Dictionary<string, object?> { ["ad_set_id"] = adSetId }, $"job:{job}:{day:yyyy-MM-dd}:{adSetId}", reason), cancellationToken);
}
