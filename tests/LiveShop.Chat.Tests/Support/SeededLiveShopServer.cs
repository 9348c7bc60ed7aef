namespace LiveShop.Chat.Tests.Support;

/// <summary>The real host over a database seeded at start-up with 30 days of the sandbox business.</summary>
public sealed class SeededLiveShopServer : LiveShopServer
{
    protected override int SeedDays => 30;
}
