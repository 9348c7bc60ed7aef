using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Tests.Payments;

/// <summary>One request the fake received.</summary>
public sealed record StripeRequest(string Method, string Path, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form);

/// <summary>
/// A local stand-in for the Stripe API on 127.0.0.1 speaking its documented shapes: form-encoded <c>POST /v1/refunds</c>
/// honouring <c>Idempotency-Key</c>, <c>GET /v1/payment_intents/{id}</c>, <c>/v1/balance</c>, <c>/v1/payouts</c>, Stripe
/// error bodies, and scripted failures (429, 500, 400, 402) answered before the real handler.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake_key_never_shown";

    private readonly ConcurrentQueue<StripeRequest> _requests = new();
    private readonly ConcurrentQueue<(int Status, string Type, string Message, string? RetryAfter, string? ShouldRetry)> _scripted = new();
    private readonly Dictionary<string, JsonObject> _refundsByKey = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _refunds = [];
    private readonly Dictionary<string, (long Amount, string Currency)> _intents = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<StripeRequest> Requests => _requests.ToList();

    public IReadOnlyList<StripeRequest> RefundRequests => Requests.Where(r => r.Method == "POST" && r.Path == "/v1/refunds").ToList();

    /// <summary>Refunds created (an idempotent replay creates none).</summary>
    public IReadOnlyList<JsonObject> Refunds { get { lock (_refunds) return _refunds.ToList(); } }

    /// <summary>A PaymentIntent the fake knows.</summary>
    public void AddPaymentIntent(string id, long amountMinor, string currency = "aud")
    {
        lock (_refunds) _intents[id] = (amountMinor, currency);
    }

    /// <summary>The next request (any path) is answered with this error instead.</summary>
    public void FailNext(int status, string type, string message, string? retryAfter = null, string? shouldRetry = null) =>
        _scripted.Enqueue((status, type, message, retryAfter, shouldRetry));

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            var form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : new Dictionary<string, string>();
            _requests.Enqueue(new StripeRequest(context.Request.Method, context.Request.Path, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), form));
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {SecretKey}")
            {
                await Error(context, 401, "invalid_request_error", "Invalid API Key provided");
                return;
            }
            if (_scripted.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is not null) context.Response.Headers["Retry-After"] = failure.RetryAfter;
                if (failure.ShouldRetry is not null) context.Response.Headers["Stripe-Should-Retry"] = failure.ShouldRetry;
                await Error(context, failure.Status, failure.Type, failure.Message);
                return;
            }
            context.Items["form"] = form;
            await next();
        });
        _app.MapPost("/v1/refunds", (HttpContext context) => CreateRefund(context, (Dictionary<string, string>)context.Items["form"]!));
        _app.MapGet("/v1/payment_intents/{id}", (string id) =>
        {
            lock (_refunds)
            {
                if (!_intents.TryGetValue(id, out var intent)) return ErrorResult(404, "invalid_request_error", $"No such payment_intent: '{id}'");
                return Json(new JsonObject
                {
                    ["id"] = id, ["object"] = "payment_intent", ["amount"] = intent.Amount, ["amount_received"] = intent.Amount,
                    ["currency"] = intent.Currency, ["status"] = "succeeded", ["latest_charge"] = "ch_" + id[3..], ["livemode"] = false,
                });
            }
        });
        _app.MapGet("/v1/balance", () => Json(new JsonObject
        {
            ["object"] = "balance", ["livemode"] = false,
            ["available"] = new JsonArray(new JsonObject { ["amount"] = 123456, ["currency"] = "aud" }),
            ["pending"] = new JsonArray(new JsonObject { ["amount"] = 7800, ["currency"] = "aud" }),
        }));
        _app.MapGet("/v1/payouts", () => Json(new JsonObject
        {
            ["object"] = "list", ["url"] = "/v1/payouts", ["has_more"] = false,
            ["data"] = new JsonArray(
                new JsonObject { ["id"] = "po_2", ["object"] = "payout", ["amount"] = 250000, ["currency"] = "aud", ["status"] = "in_transit", ["arrival_date"] = 1764115200, ["created"] = 1764028800 },
                new JsonObject { ["id"] = "po_1", ["object"] = "payout", ["amount"] = 180050, ["currency"] = "aud", ["status"] = "paid", ["arrival_date"] = 1763510400, ["created"] = 1763424000 }),
        }));
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private IResult CreateRefund(HttpContext context, Dictionary<string, string> form)
    {
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        lock (_refunds)
        {
            if (key is not null && _refundsByKey.TryGetValue(key, out var replay))
            {
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return Json(replay);
            }
            var intentId = form.GetValueOrDefault("payment_intent") ?? "";
            if (!_intents.TryGetValue(intentId, out var intent)) return ErrorResult(404, "invalid_request_error", $"No such payment_intent: '{intentId}'");
            if (!long.TryParse(form.GetValueOrDefault("amount"), out var amount) || amount <= 0)
                return ErrorResult(400, "invalid_request_error", "Invalid positive integer");
            var refunded = _refunds.Where(r => (string)r["payment_intent"]! == intentId).Sum(r => (long)r["amount"]!);
            if (refunded + amount > intent.Amount)
                return ErrorResult(400, "invalid_request_error", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({intent.Amount - refunded})");
            var metadata = new JsonObject();
            foreach (var (name, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
                metadata[name["metadata[".Length..^1]] = value;
            var refund = new JsonObject
            {
                ["id"] = $"re_{_refunds.Count + 1:D4}{Guid.NewGuid():N}"[..24], ["object"] = "refund", ["amount"] = amount, ["currency"] = intent.Currency,
                ["payment_intent"] = intentId, ["status"] = "succeeded", ["reason"] = form.GetValueOrDefault("reason"), ["metadata"] = metadata,
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            };
            _refunds.Add(refund);
            if (key is not null) _refundsByKey[key] = refund;
            return Json(refund);
        }
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    private static IResult ErrorResult(int status, string type, string message) =>
        Results.Text(ErrorBody(type, message), "application/json", statusCode: status);

    private static Task Error(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(ErrorBody(type, message));
    }

    private static string ErrorBody(string type, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
