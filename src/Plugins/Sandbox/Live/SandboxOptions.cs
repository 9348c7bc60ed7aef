namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>How the live sandbox simulation ticks in <c>serve</c> mode (section <c>Sandbox</c>).</summary>
public sealed class SandboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Sandbox";

    /// <summary>Whether the host advances the simulation at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Simulated minutes per real second (60: a simulated day every 24 real minutes).</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Start paused (the console or <c>POST /api/sandbox/resume</c> resumes).</summary>
    public bool Paused { get; set; }

    /// <summary>Most simulated days played at start-up to make up for the time the host was down.</summary>
    public double MaxCatchUpDays { get; set; } = 1;

    /// <summary>Real seconds between ticks (also how often a standby host retries the ticking lock, times five).</summary>
    public double TickSeconds { get; set; } = 1;
}

/// <summary>Where the ticker stands, for the console and <c>GET /api/sandbox/status</c>; holds nothing hidden.</summary>
public sealed record SandboxStatus(
    bool Enabled, bool Paused, bool Ticking, double Speed, DateTimeOffset? SimulatedClock, DateTimeOffset? NextDayAt, long DaysPlayedHere, string? LastError);

/// <summary>Pauses and resumes the live simulation at run time.</summary>
public interface ISandboxControl
{
    /// <summary>Stops simulated time until <see cref="Resume"/>.</summary>
    void Pause();

    /// <summary>Lets simulated time run again.</summary>
    void Resume();

    /// <summary>The ticker's state.</summary>
    SandboxStatus Status { get; }
}
