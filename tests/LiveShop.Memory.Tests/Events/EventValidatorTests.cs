using System.Text.Json;
using LiveShop.Memory.Events;

namespace LiveShop.Memory.Tests.Events;

public sealed class EventValidatorTests
{
    private const string ValidOrder = """
        { "event_id": "6f1c2f4e-8a63-4d0a-9a57-1b2c3d4e5f60", "type": "OrderPlaced",
          "occurred_at": "2026-11-25T10:00:00Z", "source": "shopify",
          "data": { "order_id": "o_1", "customer_id": "c_1", "channel": "web", "total": 78.0, "currency": "AUD",
                    "lines": [ { "product_id": "p_1", "quantity": 2 } ], "coupon": "extra fields are fine" } }
        """;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static string Mutate(Action<Dictionary<string, object?>> change, string? data = null)
    {
        var envelope = JsonSerializer.Deserialize<Dictionary<string, object?>>(ValidOrder)!;
        if (data is not null) envelope["data"] = Json(data);
        change(envelope);
        return JsonSerializer.Serialize(envelope);
    }

    [Fact]
    public void Catalogue_knows_all_36_contract_types_and_the_platform_types_with_unique_names()
    {
        // The product's own "Platform" events (proof filter, gateway, integrations, goal task worker), "Support" events
        // (tickets from live connectors) and "Supply" events (supplier repricing) come on top of the contract's 36 business types.
        var contract = EventCatalogue.All.Where(t => t.Category is not ("Platform" or "Support" or "Supply")).ToList();
        Assert.Equal(36, contract.Count);
        Assert.Equal(6, contract.Select(t => t.Category).Distinct().Count());
        Assert.Equal(["FunctionRefused", "ApprovalRequested", "ApprovalDecided", "ActionExecuted", "ActionFailed", "ActionDenied",
                "IntegrationConnected", "IntegrationDisconnected", "TaskStatusChanged", "GoalStatusChanged", "ActionApplied", "PolicyChanged", "AccountAccessChanged",
                "AlertRaised", "AlertAcknowledged", "AlertResolved", "AutonomyChanged", "TicketTriaged", "ProductFaultDetected", "MarginBelowFloor"],
            EventCatalogue.All.Where(t => t.Category == "Platform").Select(t => t.Type));
        Assert.Equal(["TicketOpened"], EventCatalogue.All.Where(t => t.Category == "Support").Select(t => t.Type));
        Assert.Equal(["SupplierCostChanged"], EventCatalogue.All.Where(t => t.Category == "Supply").Select(t => t.Type));
        Assert.Equal(EventCatalogue.All.Count, EventCatalogue.All.Select(t => t.Type).Distinct().Count());
        Assert.All(EventCatalogue.All, t => Assert.NotEmpty(t.RequiredFields));
        Assert.All(EventCatalogue.All.SelectMany(t => t.Fields), f => Assert.Matches("^[a-z][a-z0-9_]*$", f.Name));
    }

    [Fact]
    public void Catalogue_renders_field_shapes_for_docs()
    {
        var line = EventCatalogue.RenderLines().Single(l => l.StartsWith("AdSetScaled", StringComparison.Ordinal));
        Assert.Equal("AdSetScaled (Marketing): ad_set_id:string from_budget:number>=0 to_budget:number>=0", line);
        Assert.True(EventCatalogue.TryGet("PriceDropped", out var price));
        Assert.False(price.Fields.Single(f => f.Name == "live_show_id").Required);
    }

    [Fact]
    public void A_valid_event_parses_with_extra_fields_kept()
    {
        var result = EventValidator.Parse(Json(ValidOrder));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var e = Assert.Single(result.Events);
        Assert.Equal("OrderPlaced", e.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal("extra fields are fine", e.Data.GetProperty("coupon").GetString());
    }

    [Fact]
    public void Missing_required_field_is_named()
    {
        var errors = EventValidator.Validate(Json(Mutate(_ => { }, """{ "order_id": "o_1", "customer_id": "c", "channel": "web", "currency": "AUD" }""")));
        var error = Assert.Single(errors);
        Assert.Equal("data.total", error.Path);
        Assert.Contains("required", error.Message);
    }

    [Theory]
    [InlineData("""{ "order_id": "o_1", "customer_id": "c", "channel": "web", "currency": "AUD", "total": "78" }""", "data.total", "number")]
    [InlineData("""{ "order_id": "o_1", "customer_id": "c", "channel": "web", "currency": "AUD", "total": -1 }""", "data.total", "negative")]
    [InlineData("""{ "order_id": 1, "customer_id": "c", "channel": "web", "currency": "AUD", "total": 1 }""", "data.order_id", "string")]
    [InlineData("""{ "order_id": "o", "customer_id": "c", "channel": "web", "currency": "AUD", "total": 1, "lines": {} }""", "data.lines", "array")]
    [InlineData("""{ "order_id": "o", "customer_id": "c", "channel": "web", "currency": "AUD", "total": 1, "first_order": "yes" }""", "data.first_order", "boolean")]
    [InlineData("""{ "order_id": "o", "customer_id": "c", "channel": "web", "currency": "AUD", "total": 1, "total": 2 }""", "data.total", "more than once")]
    [InlineData("""{ "order_id": "o", "customer_id": "c", "channel": "web", "currency": "AUD", "total": 1, "note": "a\u0000b" }""", "data.note", "NUL")]
    [InlineData("""{ "order_id": "o", "customer_id": "c", "channel": "web", "currency": "AUD", "total": 1, "x": { "y": [1e400] } }""", "data.x.y[0]", "out of range")]
    public void Wrong_types_are_named(string data, string path, string message)
    {
        var error = Assert.Single(EventValidator.Validate(Json(Mutate(_ => { }, data))));
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Integer_and_timestamp_fields_are_checked()
    {
        var stock = Mutate(e => e["type"] = "StockLow", """{ "product_id": "p", "stock": 2.5 }""");
        Assert.Equal("data.stock", Assert.Single(EventValidator.Validate(Json(stock))).Path);
        var wholeStock = Mutate(e => e["type"] = "StockLow", """{ "product_id": "p", "stock": 2.0 }""");
        Assert.Empty(EventValidator.Validate(Json(wholeStock)));
        var show = Mutate(e => e["type"] = "LiveShowScheduled", """{ "live_show_id": "ls", "title": "t", "scheduled_start": "tomorrow" }""");
        Assert.Equal("data.scheduled_start", Assert.Single(EventValidator.Validate(Json(show))).Path);
    }

    [Fact]
    public void Unknown_type_is_named()
    {
        var error = Assert.Single(EventValidator.Validate(Json(Mutate(e => e["type"] = "OrderTeleported"))));
        Assert.Equal("type", error.Path);
        Assert.Contains("OrderTeleported", error.Message);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void Bad_uuid_is_named(string id) =>
        Assert.Equal("event_id", Assert.Single(EventValidator.Validate(Json(Mutate(e => e["event_id"] = id)))).Path);

    [Theory]
    [InlineData("25/11/2026 10:00")]
    [InlineData("2026-11-25T10:00:00")]
    [InlineData("2026-13-25T10:00:00Z")]
    public void Bad_timestamp_is_named(string at) =>
        Assert.Equal("occurred_at", Assert.Single(EventValidator.Validate(Json(Mutate(e => e["occurred_at"] = at)))).Path);

    [Fact]
    public void Array_errors_carry_the_element_index_and_nothing_is_accepted()
    {
        var good = Mutate(_ => { });
        var bad = Mutate(e => e.Remove("source"));
        var result = EventValidator.Parse(Json($"[{good},{good},{good},{bad}]"));
        Assert.False(result.IsValid);
        Assert.Empty(result.Events);
        Assert.Equal("[3].source", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Events_in_memory_are_checked_with_their_index()
    {
        var data = Json("""{ "ad_set_id": "as_7", "from_budget": 400 }""");
        var events = new[]
        {
            new NewEvent(Guid.NewGuid(), "AdSetScaled", DateTimeOffset.UtcNow, "meta", Json("""{ "ad_set_id": "as_7", "from_budget": 400, "to_budget": 500 }""")),
            new NewEvent(Guid.NewGuid(), "AdSetScaled", DateTimeOffset.UtcNow, "meta", data),
        };
        Assert.Equal("[1].data.to_budget", Assert.Single(EventValidator.Validate(events)).Path);
    }
}
