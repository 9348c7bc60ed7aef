using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Clock;

/// <summary>
/// Reads the simulation's clock from <c>sandbox_state</c> on every call (a sandbox can be seeded or advanced while the
/// host runs, so nothing is cached beyond the last answer); without a simulation row it is the <see cref="TimeProvider"/>.
/// </summary>
public sealed class BusinessClock(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time) : IBusinessClock
{
    private volatile int _sandbox = Unknown;
    private const int Unknown = -1;

    /// <inheritdoc />
    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var simulated = await db.SandboxStates.AsNoTracking().Select(s => (DateTimeOffset?)s.SimulatedNow).SingleOrDefaultAsync(cancellationToken);
        _sandbox = simulated is null ? 0 : 1;
        return simulated ?? time.GetUtcNow();
    }

    /// <inheritdoc />
    /// <remarks>Answers from the latest <see cref="NowAsync"/>; before the first reading it reads once, synchronously.</remarks>
    public bool IsSandbox
    {
        get
        {
            if (_sandbox == Unknown)
            {
                using var db = contexts.CreateDbContext();
                _sandbox = db.SandboxStates.AsNoTracking().Any() ? 1 : 0;
            }
            return _sandbox == 1;
        }
    }
}
