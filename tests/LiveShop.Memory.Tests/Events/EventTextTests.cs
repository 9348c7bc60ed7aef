using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Memory.Tests.Events;

/// <summary>The store itself refuses text that is not valid Unicode, whoever hands it the event, so a row the chain check cannot re-derive never exists.</summary>
public sealed class EventTextTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private EventStore Store => new(database.DataSource, TimeProvider.System);

    [Fact]
    public async Task A_lone_surrogate_in_the_source_is_refused_and_nothing_is_written()
    {
        var before = await Store.CountAsync();
        var e = TestEvents.Order(1) with { Source = "shop\ud800" };

        var refused = await Assert.ThrowsAsync<EventValidationException>(() => Store.AppendAsync([TestEvents.Order(2), e]));

        Assert.Contains(refused.Errors, error => error.Path == "[1].source");
        Assert.Equal(before, await Store.CountAsync());
    }

    [Fact]
    public async Task A_lone_surrogate_in_data_is_refused_with_its_path()
    {
        var e = TestEvents.Order(3) with { Data = TestEvents.Json("""
            {"order_id":"o_3","customer_id":"c_1","channel":"web","total":3,"currency":"AUD","lines":[{"note":"a\udc00b"}]}
            """) };

        var refused = await Assert.ThrowsAsync<EventValidationException>(() => Store.AppendAsync(e));

        Assert.Contains(refused.Errors, error => error.Path == "[0].data.lines[0].note");
    }

    [Fact]
    public async Task Valid_text_of_every_plane_is_stored_and_the_chain_stays_intact()
    {
        var e = TestEvents.Order(4) with { Source = "shop 🎁 é ü 中", Data = TestEvents.Json("""
            {"order_id":"o_4","customer_id":"c_1","channel":"web","total":4,"currency":"AUD","note":"\ud83c\udf81 \u00e9 ok"}
            """) };

        await Store.AppendAsync(e);

        Assert.True((await Store.VerifyChainAsync()).Intact);
    }
}
