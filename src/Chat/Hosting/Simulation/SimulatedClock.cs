namespace LiveShop.Chat.Hosting.Simulation;

/// <summary>
/// The clock of a <c>simulate</c> run: it stands where the simulation stands, so proofs, decisions, approvals and fact
/// windows are all dated in simulated time, and moves only when the run moves it.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>Moves the clock to <paramref name="now"/> (never backwards).</summary>
    public void Set(DateTimeOffset now)
    {
        if (now.UtcTicks < Interlocked.Read(ref _ticks)) throw new InvalidOperationException($"the simulated clock cannot go back to {now:O}");
        Interlocked.Exchange(ref _ticks, now.UtcTicks);
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}
