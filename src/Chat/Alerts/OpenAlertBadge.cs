using LiveShop.Kernel.Automation.Alerts;

namespace LiveShop.Chat.Alerts;

/// <summary>
/// The open-alert count the navigation shows, one per console connection (scoped), so that acknowledging or resolving
/// on the Alerts page updates the badge at once instead of at the next full page load.
/// </summary>
public sealed class OpenAlertBadge(AlertStore store)
{
    /// <summary>Open alerts at the last refresh.</summary>
    public int Count { get; private set; }

    /// <summary>Raised after every refresh.</summary>
    public event Action? Changed;

    /// <summary>Reads the count again and tells the listeners; a database that cannot be read leaves the last count.</summary>
    public async Task RefreshAsync()
    {
        try { Count = await store.CountOpenAsync(CancellationToken.None); }
        catch (Npgsql.NpgsqlException) { return; }
        Changed?.Invoke();
    }
}
