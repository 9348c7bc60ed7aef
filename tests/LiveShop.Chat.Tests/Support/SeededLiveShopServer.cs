using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Chat.Tests.Support;

/// <summary>The real host over a database seeded at start-up with 30 days of the sandbox business.</summary>
public sealed class SeededLiveShopServer : LiveShopServer
{
    protected override int SeedDays => 30;

    /// <summary>
    /// Stands still at the moment the fixture was made, so the console's "last 30 days" and a test's expectations are the
    /// same window however long the machine takes between them. It starts at the real time only so that cookies a browser
    /// test is given are not already expired.
    /// </summary>
    public override TimeProvider Clock { get; } = new FakeTimeProvider(DateTimeOffset.UtcNow);
}
