using LiveShop.Memory.Background;
using LiveShop.Kernel.Orchestration.GoalWork;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Hosting;

/// <summary>Settings of the goal task worker (<c>Agents:GoalWorker</c>).</summary>
public sealed record GoalWorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Agents:GoalWorker";

    /// <summary>Whether this host runs goal tasks (on by default; tests and read-only replicas turn it off).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long the worker waits when no task is queued before looking again (also how often decided approvals are picked up).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Most tasks run per round before decided approvals are checked again.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>A task still running after this long is failed as abandoned (its worker stopped mid-turn); it is never re-run on its own.</summary>
    public TimeSpan RunningTimeout { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Runs goal tasks in the background: each round fails tasks abandoned mid-turn, settles tasks whose approvals were decided, then runs queued tasks one
/// claim at a time (safe beside other hosts' workers), then waits <see cref="GoalWorkerOptions.PollInterval"/>.
/// </summary>
public sealed partial class GoalTaskWorker(GoalTaskRunner runner, IOptions<GoalWorkerOptions> options, ILogger<GoalTaskWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ErrorDelay = TimeSpan.FromSeconds(30);
    private readonly string _name = $"{Environment.MachineName}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return Task.CompletedTask;
        return RecurringWork.RunAsync(async ct =>
        {
            await runner.FailAbandonedAsync(settings.RunningTimeout, ct);
            await runner.SettleDecidedApprovalsAsync(ct);
            // A full batch means more is waiting: go straight on.
            return await runner.RunAvailableAsync(_name, settings.BatchSize, ct) == settings.BatchSize;
        }, settings.PollInterval, ErrorDelay, LogFailure, TimeProvider.System, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Goal task round failed; retrying later")]
    private partial void LogFailure(Exception exception);
}
