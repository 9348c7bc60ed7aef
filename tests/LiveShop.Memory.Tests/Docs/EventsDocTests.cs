using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Memory.Tests.Docs;

public sealed class EventsDocTests
{
    [Fact]
    public void Docs_list_every_event_type_the_store_accepts()
    {
        var doc = File.ReadAllText(Path.Combine(TestCluster.RepositoryRoot, "docs", "events.md"));
        var missing = EventCatalogue.All.Where(t => !doc.Contains($"| `{t.Type}` |", StringComparison.Ordinal)).Select(t => t.Type).ToList();
        Assert.True(missing.Count == 0, $"docs/events.md does not list: {string.Join(", ", missing)}");
    }
}
