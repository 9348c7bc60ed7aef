using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

/// <summary><c>reactions</c> against a real database, through the real executable.</summary>
public sealed class ReactionsCommandTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-reactions-cli-test"),
    };

    [Fact]
    public async Task Catch_up_registers_the_reactions_at_the_head_status_shows_them_and_parked_lists_what_was_given_up()
    {
        var store = new EventStore(database.DataSource, TimeProvider.System);
        await store.AppendAsync(new NewEvent(Guid.NewGuid(), "StockLow", DateTimeOffset.UtcNow, "test",
            JsonSerializer.SerializeToElement(new { product_id = "p_history", stock = 1 })));

        var caughtUp = await CliProcess.RunAsync(["reactions", "catch-up"], Environment);
        Assert.Equal(0, caughtUp.ExitCode);
        // The reactions start at the head: the event already in the chain is history, not something to react to.
        Assert.Equal(0, JsonDocument.Parse(caughtUp.StandardOutput).RootElement.GetProperty("delivered").GetInt32());

        var status = JsonDocument.Parse((await CliProcess.RunAsync(["reactions", "status"], Environment)).StandardOutput).RootElement;
        var head = status.GetProperty("head").GetInt64();
        Assert.Equal(1, head);
        var subscriptions = status.GetProperty("subscriptions").EnumerateArray().ToList();
        Assert.Contains(subscriptions, s => s.GetProperty("name").GetString() == "stock_reorder");
        Assert.All(subscriptions, s => Assert.Equal((true, head, 0L, null as string),
            (s.GetProperty("started").GetBoolean(), s.GetProperty("position").GetInt64(), s.GetProperty("lag").GetInt64(), s.GetProperty("owner").GetString())));

        var parked = new ParkedEvents(database.DataSource, TimeProvider.System);
        var stored = (await store.ReadAsync(0, 1)).Single();
        await parked.RecordFailureAsync("stock_reorder", stored, "boom: no such product", CancellationToken.None);
        await parked.ParkAsync("stock_reorder", stored.Sequence, CancellationToken.None);
        var listed = await CliProcess.RunAsync(["reactions", "parked"], Environment);
        Assert.Equal(0, listed.ExitCode);
        var line = JsonDocument.Parse(listed.StandardOutput.Trim()).RootElement;
        Assert.Equal("stock_reorder", line.GetProperty("subscription").GetString());
        Assert.Equal(stored.EventId, line.GetProperty("event_id").GetGuid());
        Assert.Contains("no such product", line.GetProperty("error").GetString());
        Assert.Equal("", (await CliProcess.RunAsync(["reactions", "parked", "--subscription", "ticket_triage"], Environment)).StandardOutput.Trim());
    }
}
