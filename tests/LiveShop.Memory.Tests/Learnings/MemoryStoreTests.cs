using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Learnings;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Tests.Learnings;

/// <summary>A clock the test moves.</summary>
internal sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class MemoryStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static NewMemory Memory(string scope, string? key, string content, string kind = "lesson") =>
        new() { Scope = scope, ScopeKey = key, Kind = kind, Content = content, Source = "test" };

    private (MemoryStore Store, MovableClock Clock) Store() => Store(Start);

    private (MemoryStore Store, MovableClock Clock) Store(DateTimeOffset at)
    {
        var clock = new MovableClock(at);
        return (new MemoryStore(database.DataSource, LocalMiniLmEmbedder.Shared, clock), clock);
    }

    private async Task ClearAsync()
    {
        await using var db = database.CreateContext();
        await db.LongTermMemories.ExecuteDeleteAsync();
    }

    [Fact]
    public async Task Scoped_recall_never_leaks_another_personas_or_products_memories()
    {
        await ClearAsync();
        var (store, _) = Store();
        await store.RememberAsync(Memory("persona", "cfo", "The founder wants cash runway figures rounded to whole days"));
        await store.RememberAsync(Memory("persona", "ads_optimizer", "Cash runway questions should be answered with a chart of weekly burn"));
        await store.RememberAsync(Memory("product", "p_1", "Glow serum cash runway impact: reorders of p_1 tie up a lot of cash"));
        await store.RememberAsync(Memory("product", "p_2", "Silk scarf cash runway impact: reorders of p_2 tie up little cash"));
        await store.RememberAsync(Memory("business", null, "Cash runway must stay above 30 days according to the founder"));

        var forCfo = await store.RecallAsync("how should I report cash runway?", new MemoryScopeFilter { Persona = "cfo" }, k: 10);
        Assert.Contains(forCfo, r => r.Memory.ScopeKey == "cfo");
        Assert.Contains(forCfo, r => r.Memory.Scope == "business");
        Assert.DoesNotContain(forCfo, r => r.Memory.ScopeKey == "ads_optimizer");
        Assert.DoesNotContain(forCfo, r => r.Memory.Scope == "product");

        var forAds = await store.RecallAsync("how should I report cash runway?", new MemoryScopeFilter { Persona = "ads_optimizer" }, k: 10);
        Assert.DoesNotContain(forAds, r => r.Memory.ScopeKey == "cfo");
        Assert.Contains(forAds, r => r.Memory.ScopeKey == "ads_optimizer");

        var namingP1 = await store.RecallAsync("what does reordering p_1 do to cash runway?", new MemoryScopeFilter(), k: 10);
        Assert.Contains(namingP1, r => r.Memory.ScopeKey == "p_1");
        Assert.DoesNotContain(namingP1, r => r.Memory.ScopeKey == "p_2");
        Assert.DoesNotContain(namingP1, r => r.Memory.Scope == "persona");

        var explicitP2 = await store.RecallAsync("reorder cash impact", new MemoryScopeFilter { Products = ["p_2"], IncludeBusiness = false }, k: 10);
        Assert.Equal(["p_2"], explicitP2.Select(r => r.Memory.ScopeKey).Distinct());
    }

    [Fact]
    public async Task A_near_duplicate_in_the_same_scope_is_merged_and_confirmed()
    {
        await ClearAsync();
        var (store, clock) = Store();
        var first = await store.RememberAsync(Memory("supplier", "s_2", "Supplier s_2 delivers late; plan extra lead time") with
        {
            Evidence = [new MemoryEvidence { Kind = "event", Reference = "e1", Sequence = 10 }],
        });
        clock.Now = Start.AddDays(3);
        var second = await store.RememberAsync(Memory("supplier", "s_2", "supplier s_2 delivers late, plan extra lead time.") with
        {
            Evidence = [new MemoryEvidence { Kind = "event", Reference = "e2", Sequence = 20 }],
        });
        var otherScope = await store.RememberAsync(Memory("supplier", "s_3", "Supplier s_2 delivers late; plan extra lead time"));

        Assert.False(first.Merged);
        Assert.True(second.Merged);
        Assert.Equal(first.MemoryId, second.MemoryId);
        Assert.Equal(2, second.ConfirmationCount);
        Assert.False(otherScope.Merged);
        var stored = await store.GetAsync(first.MemoryId);
        Assert.Equal(Start.AddDays(3), stored!.LastConfirmedAt);
        Assert.Equal(["e1", "e2"], stored.Evidence.EnumerateArray().Select(e => e.GetProperty("reference").GetString()));
        Assert.Equal(2, (await store.ListAsync(new MemoryListFilter { Scope = "supplier" })).Count);

        // The same evidence again (a re-run) is not a new confirmation.
        var again = await store.RememberAsync(Memory("supplier", "s_2", "Supplier s_2 delivers late; plan extra lead time") with
        {
            Evidence = [new MemoryEvidence { Kind = "event", Reference = "e2", Sequence = 20 }],
        });
        Assert.Equal(2, again.ConfirmationCount);
    }

    [Fact]
    public async Task An_old_unconfirmed_memory_ranks_below_a_fresh_confirmed_one()
    {
        await ClearAsync();
        var (store, clock) = Store(Start.AddDays(-200));
        var old = await store.RememberAsync(Memory("business", null, "Live shows on Sunday evenings sell the most serum"));
        clock.Now = Start.AddDays(-10);
        var fresh = await store.RememberAsync(Memory("business", null, "Friday lunchtime live shows now sell more serum than Sunday evenings"));
        // Distinct enough not to merge, similar enough to compete.
        Assert.NotEqual(old.MemoryId, fresh.MemoryId);
        clock.Now = Start.AddDays(-2);
        await store.RememberAsync(Memory("business", null, "Friday lunchtime live shows now sell more serum than Sunday evenings"));
        clock.Now = Start;

        var recalled = await store.RecallAsync("when do live shows sell the most serum?", new MemoryScopeFilter(), k: 2);

        Assert.Equal(fresh.MemoryId, recalled[0].Memory.Id);
        Assert.Equal(old.MemoryId, recalled[1].Memory.Id);
        Assert.True(recalled[1].Decay < 0.2, $"decay {recalled[1].Decay}");
    }

    [Fact]
    public async Task The_founder_can_edit_list_and_delete_memories()
    {
        await ClearAsync();
        var (store, clock) = Store();
        var id = (await store.RememberAsync(Memory("product", "p_7", "Lip tint sells better in bundles", kind: "price_effect"))).MemoryId;
        await store.RememberAsync(Memory("business", null, "Refunds above 100 need an approver"));

        clock.Now = Start.AddDays(1);
        Assert.True(await store.UpdateAsync(id, "Lip tint sells better in bundles of three", "founder@liveshop.local"));
        var edited = await store.GetAsync(id);
        Assert.Equal("Lip tint sells better in bundles of three", edited!.Content);
        Assert.Equal("founder@liveshop.local", edited.EditedBy);
        Assert.Equal(Start.AddDays(1), edited.UpdatedAt);

        var listed = await store.ListAsync(new MemoryListFilter { Kind = "price_effect" });
        Assert.Equal([id], listed.Select(m => m.Id));
        Assert.Single(await store.ListAsync(new MemoryListFilter { Text = "THREE" }));

        Assert.True(await store.DeleteAsync(id));
        Assert.False(await store.DeleteAsync(id));
        Assert.Null(await store.GetAsync(id));
        Assert.False(await store.UpdateAsync(id, "gone", "founder"));
    }

    [Fact]
    public async Task Invalid_memories_are_refused_with_a_reason()
    {
        var (store, _) = Store();
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => store.RememberAsync(Memory("team", null, "x")));
        Assert.Contains("unknown scope", unknown.Message);
        var keyless = await Assert.ThrowsAsync<ArgumentException>(() => store.RememberAsync(Memory("product", null, "x")));
        Assert.Contains("scope key", keyless.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => store.RememberAsync(Memory("business", null, "  ")));
    }
}
