namespace LiveShop.Memory.Data.Entities.Sandbox;

/// <summary>
/// Where the live sandbox simulation stands (one row): its seed, the next simulated day and its own hidden state
/// (true elasticities, quality, work scheduled for later days). Only the simulator reads it; agents never do.
/// </summary>
public sealed class SandboxState
{
    /// <summary>The one row's key.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Seed of the simulated business; each day's random source derives from it and the day's number.</summary>
    public int Seed { get; set; }

    /// <summary>First simulated day of the business (day number 0).</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>Simulated time: midnight of the next day the simulation will play.</summary>
    public DateTimeOffset SimulatedNow { get; set; }

    /// <summary>How many days the simulation has played since <see cref="StartDate"/>.</summary>
    public long StepIndex { get; set; }

    /// <summary>The simulation's hidden state as JSON (product traits, pending work, running tallies).</summary>
    public required string HiddenState { get; set; }

    /// <summary>Real (wall-clock) time of the last change, for bounded catch-up after downtime.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
