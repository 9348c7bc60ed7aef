using System.Text.Json;
using LiveShop.Memory.Events;

namespace LiveShop.Memory.Tests.Events;

/// <summary>Builders for business events in tests.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset At = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static NewEvent Order(int n, Guid? id = null) => new(
        id ?? Guid.NewGuid(), "OrderPlaced", At.AddSeconds(n), "shopify",
        Json($$"""
            { "order_id": "o_{{n}}", "customer_id": "c_{{n % 7}}", "channel": "web", "total": {{n}}.50, "currency": "AUD",
              "lines": [ { "product_id": "p_{{n % 3}}", "quantity": 1, "price": {{n}}.50 } ] }
            """));

    public static NewEvent WithData(string type, string data) => new(Guid.NewGuid(), type, At, "test", Json(data));

    public static IReadOnlyList<NewEvent> Orders(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(n => Order(n)).ToArray();

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
