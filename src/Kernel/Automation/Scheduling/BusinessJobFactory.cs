using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Extensibility;

namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>Builds the runner for each firing in a DI scope of the application's services (jobs may be scoped).</summary>
internal sealed class BusinessJobFactory(IServiceProvider services) : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        return ValueTask.FromResult(new JobScope(scope.ServiceProvider.GetRequiredService<BusinessJobRunner>(), scope));
    }

    public ValueTask ReturnJob(JobScope job, CancellationToken cancellationToken) =>
        job.State is AsyncServiceScope scope ? scope.DisposeAsync() : ValueTask.CompletedTask;
}
