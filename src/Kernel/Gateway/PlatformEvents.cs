using System.Text.Json;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Gateway;

/// <summary>Appends the pipeline's own events (Platform family) with ids derived from what they record, so a retry stores them once.</summary>
public sealed class PlatformEvents(EventStore store, TimeProvider time)
{
    /// <summary>The source every pipeline event carries.</summary>
    public const string Source = "liveshop.gateway";

    /// <summary>Appends one event whose id is derived from <paramref name="identity"/>.</summary>
    public Task AppendAsync(string type, string identity, object data, CancellationToken cancellationToken) =>
        store.AppendAsync(new NewEvent(ActionHashes.StableId(type + ":" + identity), type, time.GetUtcNow(), Source,
            JsonSerializer.SerializeToElement(data, JsonDefaults.Options)), cancellationToken);
}
