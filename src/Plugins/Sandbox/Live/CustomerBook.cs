using LiveShop.Plugins.Sandbox.Simulation;

namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>
/// The buyers (and their habits) as the last committed day left them, so the next day need not re-read every customer
/// and order. Used only while the database still holds exactly as many customers and orders as the book expects;
/// anything else (another writer, a rolled-back day) makes the loader read them afresh.
/// </summary>
internal sealed class CustomerBook
{
    private List<CustomerRecord>? _customers;
    private List<CustomerProfile>? _profiles;
    private (long Customers, long Orders) _expected;

    /// <summary>Copies the remembered buyers into a world when the database counts still match.</summary>
    public bool TryRestore(SandboxWorld world, long customerCount, long orderCount)
    {
        if (_customers is null || _profiles is null || _expected != (customerCount, orderCount)) return false;
        world.Customers.AddRange(_customers);
        // Profiles are mutable (order counts grow during a day), so the world gets copies.
        world.Profiles.AddRange(_profiles.Select(p => p with { }));
        return true;
    }

    /// <summary>Remembers the buyers of a world whose day has just committed.</summary>
    public void Remember(SandboxWorld world, long orderCount)
    {
        _customers = [.. world.Customers];
        _profiles = world.Profiles.Select(p => p with { }).ToList();
        _expected = (world.Customers.Count, orderCount);
    }

    /// <summary>Forgets everything (after a failed day).</summary>
    public void Forget() => _customers = null;
}
