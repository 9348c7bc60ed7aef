using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Tests.Shopify;

/// <summary>One GraphQL request the fake received.</summary>
public sealed record ShopifyCall(string Operation, string RootField, JsonObject Variables, string? AccessToken, string? IdempotencyKey, string Answer);

/// <summary>A fault the fake answers the next matching request with, instead of serving it.</summary>
public enum ShopifyFault { Throttled, TooManyRequests, ServerError }

/// <summary>
/// A local stand-in for the Shopify Admin GraphQL API on 127.0.0.1: reads the operation's root field from the document,
/// serves products and orders page by page, applies price updates and refunds (once per idempotency key), reports
/// <c>extensions.cost</c>, and answers scripted faults (THROTTLED, 429 with Retry-After, 500).
/// </summary>
public sealed partial class FakeShopify : IAsyncDisposable
{
    public const string ApiVersion = "2026-04";
    public const string Token = "shpat_test_token_never_logged";

    private readonly ConcurrentQueue<ShopifyCall> _calls = new();
    private readonly ConcurrentQueue<(string? Operation, ShopifyFault Fault, int RetryAfterSeconds)> _faults = new();
    private readonly Dictionary<string, JsonObject> _refundsByKey = new();
    private readonly Lock _gate = new();
    private WebApplication? _app;

    public ShopifyCatalogue Data { get; } = new();

    /// <summary>The base address to configure as <c>Integrations:Shopify:BaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>What the bucket reports holding after each served request.</summary>
    public double CurrentlyAvailable { get; set; } = 1000;

    /// <summary>When set, every productVariantsBulkUpdate answers these userErrors instead of applying.</summary>
    public string? RejectPricesWith { get; set; }

    public IReadOnlyList<ShopifyCall> Calls => _calls.ToList();

    public IReadOnlyList<ShopifyCall> CallsTo(string rootField) => Calls.Where(c => c.RootField == rootField).ToList();

    /// <summary>Requests of a mutation that the fake actually applied (not answered with a fault).</summary>
    public IReadOnlyList<ShopifyCall> Applied(string rootField) => CallsTo(rootField).Where(c => c.Answer == "served").ToList();

    /// <summary>The next request (of <paramref name="operation"/>, or any) gets <paramref name="fault"/>.</summary>
    public void Fail(ShopifyFault fault, string? operation = null, int retryAfterSeconds = 3) => _faults.Enqueue((operation, fault, retryAfterSeconds));

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost($"/admin/api/{ApiVersion}/graphql.json", HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsObject();
        var document = body["query"]!.GetValue<string>();
        var variables = body["variables"] as JsonObject ?? [];
        var operation = OperationName().Match(document).Groups[1].Value;
        var rootField = RootField().Match(document[document.IndexOf('{')..]).Groups[1].Value;
        var key = Idempotent().Match(document) is { Success: true } m
            ? (m.Groups[1].Value.StartsWith('$') ? variables[m.Groups[1].Value[1..]]?.GetValue<string>() : m.Groups[1].Value.Trim('"'))
            : null;
        var token = request.Headers["X-Shopify-Access-Token"].FirstOrDefault();
        if (token != Token)
        {
            _calls.Enqueue(new ShopifyCall(operation, rootField, variables, token, key, "unauthorized"));
            return Results.Json(new JsonObject { ["errors"] = "[API] Invalid API key or access token (unrecognized login or wrong password)" }, statusCode: 401);
        }
        if (TakeFault(operation) is { } fault)
        {
            _calls.Enqueue(new ShopifyCall(operation, rootField, variables, token, key, fault.Fault.ToString()));
            return fault.Fault switch
            {
                ShopifyFault.TooManyRequests => Throttled429(fault.RetryAfterSeconds),
                ShopifyFault.ServerError => Results.Json(new JsonObject { ["errors"] = "Internal Server Error" }, statusCode: 500),
                _ => Json(new JsonObject
                {
                    ["errors"] = new JsonArray(new JsonObject
                    {
                        ["message"] = "Throttled",
                        ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/limits#rate-limits" },
                    }),
                }, requested: 10, actual: null),
            };
        }
        _calls.Enqueue(new ShopifyCall(operation, rootField, variables, token, key, "served"));
        lock (_gate)
        {
            return rootField switch
            {
                "products" => Page("products", Data.ProductNodes(Since(variables)), variables),
                "orders" => Page("orders", Data.OrderNodes(Since(variables)), variables),
                "product" => Json(new JsonObject { ["data"] = new JsonObject { ["product"] = Data.ProductNode(variables["id"]!.GetValue<string>()) } }, 302, 5),
                "inventoryItem" => Json(new JsonObject { ["data"] = new JsonObject { ["inventoryItem"] = Data.InventoryItemNode(variables["id"]!.GetValue<string>()) } }, 202, 4),
                "productVariantsBulkUpdate" => Json(new JsonObject { ["data"] = new JsonObject { ["productVariantsBulkUpdate"] = UpdatePrices(variables) } }, 10, 10),
                "refundCreate" => Json(new JsonObject { ["data"] = new JsonObject { ["refundCreate"] = Refund(variables, key) } }, 10, 10),
                _ => Json(new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = $"Field '{rootField}' doesn't exist on type 'QueryRoot'" }) }, 1, 1),
            };
        }
    }

    private (string? Operation, ShopifyFault Fault, int RetryAfterSeconds)? TakeFault(string operation)
    {
        lock (_gate)
        {
            if (!_faults.TryPeek(out var next) || (next.Operation is not null && next.Operation != operation)) return null;
            _faults.TryDequeue(out next);
            return next;
        }
    }

    private IResult Page(string field, IReadOnlyList<JsonObject> all, JsonObject variables)
    {
        var first = variables["first"]!.GetValue<int>();
        var start = variables["after"]?.GetValue<string>() is { } after ? int.Parse(after["cursor:".Length..], CultureInfo.InvariantCulture) : 0;
        var page = all.Skip(start).Take(first).Select(n => (JsonNode)n.DeepClone()).ToArray();
        var end = start + page.Length;
        return Json(new JsonObject
        {
            ["data"] = new JsonObject
            {
                [field] = new JsonObject
                {
                    ["nodes"] = new JsonArray(page),
                    ["pageInfo"] = new JsonObject { ["hasNextPage"] = end < all.Count, ["endCursor"] = page.Length == 0 ? null : $"cursor:{end}" },
                },
            },
        }, requested: 2 + first * 30, actual: 2 + page.Length * 10);
    }

    private JsonObject UpdatePrices(JsonObject variables)
    {
        var productId = variables["productId"]!.GetValue<string>();
        var updates = variables["variants"]!.AsArray().Select(v => (Id: v!["id"]!.GetValue<string>(), Price: v["price"]!.GetValue<string>())).ToList();
        if (RejectPricesWith is { } message || updates.Any(u => decimal.Parse(u.Price, CultureInfo.InvariantCulture) < 0))
            return new JsonObject
            {
                ["productVariants"] = null,
                ["userErrors"] = new JsonArray(new JsonObject { ["field"] = new JsonArray("variants", "0", "price"), ["message"] = RejectPricesWith ?? "Price must be greater than or equal to 0", ["code"] = "INVALID" }),
            };
        foreach (var (id, price) in updates) Data.SetPrice(productId, id, decimal.Parse(price, CultureInfo.InvariantCulture));
        return new JsonObject
        {
            ["productVariants"] = new JsonArray(updates.Select(u => (JsonNode)new JsonObject { ["id"] = u.Id, ["price"] = u.Price }).ToArray()),
            ["userErrors"] = new JsonArray(),
        };
    }

    private JsonObject Refund(JsonObject variables, string? key)
    {
        // Like Shopify: the same idempotency key answers the refund it created the first time, and creates nothing new.
        if (key is not null && _refundsByKey.TryGetValue(key, out var earlier)) return (JsonObject)earlier.DeepClone();
        var input = variables["input"]!.AsObject();
        var amount = input["transactions"]!.AsArray().Sum(t => decimal.Parse(t!["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var orderId = input["orderId"]!.GetValue<string>();
        var refundNumber = long.Parse(orderId[(orderId.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture) * 100 + Data.Order(orderId).Refunds.Count + 1;
        var refund = Data.AddRefund(orderId, $"gid://shopify/Refund/{refundNumber}", amount, input["note"]?.GetValue<string>());
        var payload = new JsonObject { ["refund"] = refund, ["userErrors"] = new JsonArray() };
        if (key is not null) _refundsByKey[key] = (JsonObject)payload.DeepClone();
        return payload;
    }

    private IResult Json(JsonObject body, double requested, double? actual)
    {
        var available = CurrentlyAvailable;
        body["extensions"] = new JsonObject
        {
            ["cost"] = new JsonObject
            {
                ["requestedQueryCost"] = requested,
                ["actualQueryCost"] = actual,
                ["throttleStatus"] = new JsonObject { ["maximumAvailable"] = 1000.0, ["currentlyAvailable"] = available, ["restoreRate"] = 50.0 },
            },
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static IResult Throttled429(int retryAfterSeconds) => new RetryAfterResult(retryAfterSeconds);

    private static DateTimeOffset? Since(JsonObject variables) =>
        variables["query"]?.GetValue<string>() is { } query && UpdatedSince().Match(query) is { Success: true } m
            ? DateTimeOffset.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    [GeneratedRegex(@"^\s*(?:query|mutation)\s+(\w+)")]
    private static partial Regex OperationName();

    [GeneratedRegex(@"^\{\s*(\w+)")]
    private static partial Regex RootField();

    [GeneratedRegex(@"@idempotent\(key:\s*(\$\w+|""[^""]*"")\)")]
    private static partial Regex Idempotent();

    [GeneratedRegex(@"updated_at:>='([^']+)'")]
    private static partial Regex UpdatedSince();

    private sealed class RetryAfterResult(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return context.Response.WriteAsync("""{"errors":"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}""");
        }
    }
}
