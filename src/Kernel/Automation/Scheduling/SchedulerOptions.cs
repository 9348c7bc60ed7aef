namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>The scheduler's settings (configuration section <c>Scheduler</c>).</summary>
public sealed class SchedulerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Scheduler";

    /// <summary>Whether <c>serve</c> runs the scheduler (a host can stay out of the cluster).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This host's id in the cluster; empty: machine name, process id and a random suffix.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>How often a host checks in; a host silent for longer (plus the threshold) is taken as dead and its firings recovered.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Grace beyond <see cref="CheckinInterval"/> before another host recovers a silent host's firings.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How late a firing may start before it counts as misfired (and the misfire policy applies).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait for a trigger when idle (at least 1 s; tests shorten it).</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This host's id: <see cref="InstanceId"/> or a generated one.</summary>
    public string ResolveInstanceId() => string.IsNullOrWhiteSpace(InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"
        : InstanceId;
}
