using Microsoft.Extensions.Options;
using Npgsql;

namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>
/// This process's one <see cref="BusinessScheduler"/>, built on first use: <c>serve</c> starts it (a cluster member that
/// runs jobs), a CLI verb or the Schedules page only edits the shared schedule through it.
/// </summary>
public sealed class SchedulerHandle(IServiceProvider services, NpgsqlDataSource dataSource, IOptions<SchedulerOptions> options) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BusinessScheduler? _scheduler;

    /// <summary>The scheduler, with every registered job stored and scheduled.</summary>
    public async Task<BusinessScheduler> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_scheduler is { } built) return built;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_scheduler is null)
            {
                var scheduler = await BusinessScheduler.CreateAsync(services, dataSource, options.Value, cancellationToken);
                await scheduler.EnsureSchedulesAsync(cancellationToken);
                _scheduler = scheduler;
            }
            return _scheduler;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _scheduler, null) is { } scheduler) await scheduler.DisposeAsync();
    }
}
