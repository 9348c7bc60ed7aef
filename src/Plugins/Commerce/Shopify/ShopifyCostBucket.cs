using System.Text.Json;

namespace LiveShop.Plugins.Commerce.Shopify;

/// <summary>The <c>extensions.cost</c> Shopify reports with every GraphQL answer.</summary>
public sealed record ShopifyQueryCost(double RequestedQueryCost, double? ActualQueryCost, double MaximumAvailable, double CurrentlyAvailable, double RestoreRate)
{
    /// <summary>Reads <c>extensions.cost</c> from a response, or null when it is absent.</summary>
    public static ShopifyQueryCost? From(JsonElement response)
    {
        if (!response.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("cost", out var cost)
            || !cost.TryGetProperty("throttleStatus", out var status)
            || Number(status, "maximumAvailable") is not { } maximum || Number(status, "currentlyAvailable") is not { } available
            || Number(status, "restoreRate") is not { } restoreRate) return null;
        return new ShopifyQueryCost(Number(cost, "requestedQueryCost") ?? 0, Number(cost, "actualQueryCost"), maximum, available, restoreRate);
    }

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>How long until <paramref name="cost"/> points are available again at the restore rate.</summary>
    public TimeSpan WaitFor(double cost) =>
        RestoreRate <= 0 || cost <= CurrentlyAvailable ? TimeSpan.Zero : TimeSpan.FromSeconds((cost - CurrentlyAvailable) / RestoreRate);
}

/// <summary>
/// The client's estimate of the shop's leaky bucket of query-cost points: the last reported level, refilled at the
/// restore rate since, minus what requests in flight will spend. A request waits until its expected cost fits, so
/// the app rarely meets a THROTTLED answer at all. Shared by every client of one shop (a singleton).
/// </summary>
public sealed class ShopifyCostBucket(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _requestedByOperation = new(StringComparer.Ordinal);
    private ShopifyQueryCost? _last;
    private DateTimeOffset _observedAt;
    private double _reserved;

    /// <summary>What the bucket was last reported to hold, for diagnostics and tests.</summary>
    public ShopifyQueryCost? LastReported { get { lock (_gate) return _last; } }

    /// <summary>
    /// Waits until the operation's expected cost (what Shopify last asked for it, else <paramref name="fallbackCost"/>)
    /// fits in the estimated bucket, then reserves it. Returns the reserved cost, to hand back to <see cref="Observe"/>.
    /// </summary>
    public async Task<double> TakeAsync(string operation, double fallbackCost, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            double cost;
            lock (_gate)
            {
                cost = _requestedByOperation.GetValueOrDefault(operation, fallbackCost);
                if (_last is null) return 0; // nothing known yet: the first answer tells us the bucket's size
                cost = Math.Min(cost, _last.MaximumAvailable);
                var elapsed = (time.GetUtcNow() - _observedAt).TotalSeconds;
                var available = Math.Min(_last.MaximumAvailable, _last.CurrentlyAvailable + elapsed * _last.RestoreRate) - _reserved;
                wait = (_last with { CurrentlyAvailable = available }).WaitFor(cost);
                if (wait <= TimeSpan.Zero)
                {
                    _reserved += cost;
                    return cost;
                }
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Replaces the estimate with what Shopify reported and releases the request's reservation.</summary>
    public void Observe(string operation, double reserved, ShopifyQueryCost? reported)
    {
        lock (_gate)
        {
            _reserved = Math.Max(0, _reserved - reserved);
            if (reported is null) return;
            _last = reported;
            _observedAt = time.GetUtcNow();
            if (reported.RequestedQueryCost > 0) _requestedByOperation[operation] = reported.RequestedQueryCost;
        }
    }
}
