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

    [Fact]
    public void Docs_list_platform_events_under_platform_and_business_events_before_it()
    {
        var doc = File.ReadAllText(Path.Combine(TestCluster.RepositoryRoot, "docs", "events.md"));
        var platformSection = doc.IndexOf("### Platform", StringComparison.Ordinal);
        Assert.True(platformSection > 0, "docs/events.md has no Platform section");
        var misplaced = EventCatalogue.All
            .Where(t => doc.IndexOf($"| `{t.Type}` |", StringComparison.Ordinal) is var at && at >= 0 && (at > platformSection) != t.IsPlatform)
            .Select(t => t.Type).ToList();
        Assert.True(misplaced.Count == 0, $"docs/events.md lists these on the wrong side of the Platform section: {string.Join(", ", misplaced)}");
    }
}
