using Microsoft.Extensions.DependencyInjection;
using LiveShop.Kernel.Automation.Jobs;

namespace LiveShop.Kernel.Automation.Guardrails;

/// <summary>Registers the guardrail automations as business jobs (the scheduler and <c>simulate</c> run every registered job).</summary>
public static class GuardrailServices
{
    /// <summary>Adds the ROAS kill switch, the negative-margin pause and the daily spend cap.</summary>
    public static IServiceCollection AddGuardrailJobs(this IServiceCollection services) =>
        services
            .AddSingleton<IBusinessJob, RoasKillSwitchJob>()
            .AddSingleton<IBusinessJob, NegativeMarginPauseJob>()
            .AddSingleton<IBusinessJob, DailySpendCapJob>();
}
