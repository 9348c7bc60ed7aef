namespace LiveShop.Memory.Clock;

/// <summary>
/// The business's "now": in sandbox mode (the database holds a sandbox simulation) the simulation's clock
/// (<c>sandbox_state.simulated_now</c>), otherwise the host's <see cref="TimeProvider"/>. Windows in jobs, answers and
/// reports are taken on it, so a simulated night is a night for the business.
/// </summary>
public interface IBusinessClock
{
    /// <summary>The business's current instant.</summary>
    Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the business runs on the sandbox simulation's clock (as of the latest reading).</summary>
    bool IsSandbox { get; }
}
