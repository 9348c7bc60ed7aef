using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Chat.Tests.Support;

/// <summary>
/// The real host on a clock that moves only when a test advances it, for behaviour bounded in time (how long a confirmed
/// API key is trusted) that a test must see change at an exact moment rather than within a wall-clock allowance.
/// </summary>
public sealed class FakeClockLiveShopServer : LiveShopServer
{
    /// <summary>The host's clock; it starts at the real time only so that cookies a client is given are not already expired.</summary>
    public FakeTimeProvider FakeClock { get; } = new(DateTimeOffset.UtcNow);

    public override TimeProvider Clock => FakeClock;
}
