namespace LiveShop.Chat.Tests.Support;

/// <summary>The real host with the offline planner over one seeded sandbox day (users, products, orders); no goal worker.</summary>
public sealed class OfflineLiveShopServer : LiveShopServer
{
    protected override int SeedDays => 1;
}
