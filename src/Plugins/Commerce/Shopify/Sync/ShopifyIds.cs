using System.Text.Json;
using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;

namespace LiveShop.Plugins.Commerce.Shopify.Sync;

/// <summary>
/// How Shopify's global ids become the business database's ids and event ids: stable, so importing the same object
/// twice finds the row (and the event) it made the first time.
/// </summary>
public static class ShopifyIds
{
    /// <summary>The channel and event source of everything that comes from Shopify.</summary>
    public const string Channel = "shopify";

    /// <summary>The payment gateway whose refunds go through Shopify (Stripe-captured payments are refunded through Stripe).</summary>
    public const string ShopifyPayments = "shopify_payments";

    /// <summary>The numeric tail of a GID: <c>gid://shopify/Order/450789469</c> → <c>450789469</c>.</summary>
    public static string Tail(string gid)
    {
        var tail = gid[(gid.LastIndexOf('/') + 1)..];
        var query = tail.IndexOf('?');
        return query < 0 ? tail : tail[..query];
    }

    /// <summary>A business id for a Shopify object: <c>{prefix}_shp_{tail}</c>, e.g. <c>o_shp_450789469</c>.</summary>
    public static string Local(string prefix, string gid) => $"{prefix}_shp_{Tail(gid)}";

    /// <summary>A business event about a Shopify object; its id is derived from <paramref name="identity"/> so a repeat is stored once.</summary>
    public static NewEvent Event(string type, string identity, DateTimeOffset occurredAt, object data) =>
        new(ActionHashes.StableId($"{Channel}:{identity}:{type}"), type, occurredAt, Channel, JsonSerializer.SerializeToElement(data, JsonDefaults.Options));
}
