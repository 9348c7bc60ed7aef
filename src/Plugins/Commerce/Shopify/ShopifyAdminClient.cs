using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Commerce.Shopify;

/// <summary>
/// The Shopify Admin GraphQL API over HTTP: one POST per operation with the shop's access token, pacing by the query-cost
/// bucket, waiting out THROTTLED answers and 429s, cursor pagination, and mutations whose <c>userErrors</c> fail clearly.
/// 5xx and network failures are retried below this class by the HTTP client's resilience handler.
/// </summary>
public sealed class ShopifyAdminClient(HttpClient http, ShopifyOptions options, ShopifyCostBucket bucket, TimeProvider time, ILogger<ShopifyAdminClient> logger)
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Nodes asked for per page.</summary>
    public int PageSize => options.PageSize;

    /// <summary>Runs a query and returns its <c>data</c>, waiting out throttling as Shopify asks.</summary>
    public async Task<JsonElement> QueryAsync(string operationName, string document, JsonObject? variables, double expectedCost, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (data, wait, reason) = await AttemptAsync(operationName, document, variables, expectedCost, cancellationToken);
            if (data is { } answered) return answered;
            await WaitBeforeRetryAsync(operationName, attempt, wait, reason, cancellationToken);
        }
    }

    /// <summary>One request: its data, or how long Shopify asked us to wait (429 or THROTTLED) before trying again.</summary>
    private async Task<(JsonElement? Data, TimeSpan Wait, string Reason)> AttemptAsync(string operationName, string document, JsonObject? variables,
        double expectedCost, CancellationToken cancellationToken)
    {
        var reserved = await bucket.TakeAsync(operationName, expectedCost, cancellationToken);
        ShopifyQueryCost? reported = null;
        try
        {
            using var response = await SendAsync(operationName, document, variables, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return (null, RetryAfter(response), "HTTP 429");
            if (!response.IsSuccessStatusCode)
                throw new ShopifyApiException($"Shopify answered {(int)response.StatusCode} {response.ReasonPhrase} to {operationName}");
            using var body = await ParseAsync(operationName, response, cancellationToken);
            var root = body.RootElement;
            reported = ShopifyQueryCost.From(root);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                if (errors.EnumerateArray().Any(IsThrottled))
                    return (null, reported?.WaitFor(reported.RequestedQueryCost) is { } needed && needed > TimeSpan.Zero ? needed : TimeSpan.FromSeconds(1), "THROTTLED");
                throw new ShopifyApiException($"Shopify refused {operationName}: {string.Join("; ", errors.EnumerateArray().Select(e => e.TryGetProperty("message", out var m) ? m.GetString() : e.ToString()))}");
            }
            return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? (data.Clone(), TimeSpan.Zero, "")
                : throw new ShopifyApiException($"Shopify answered {operationName} without data");
        }
        finally
        {
            bucket.Observe(operationName, reserved, reported);
        }
    }

    private static async Task<JsonDocument> ParseAsync(string operationName, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new ShopifyApiException($"Shopify answered {operationName} with something other than JSON", e);
        }
    }

    /// <summary>
    /// Runs a mutation and returns its payload (<c>data.{payloadField}</c>); non-empty <c>userErrors</c> throw
    /// <see cref="ShopifyUserErrorsException"/> and are not retried, since the same input would be rejected again.
    /// </summary>
    public async Task<JsonElement> MutateAsync(string operationName, string document, JsonObject variables, string payloadField, double expectedCost, CancellationToken cancellationToken)
    {
        var data = await QueryAsync(operationName, document, variables, expectedCost, cancellationToken);
        if (!data.TryGetProperty(payloadField, out var payload) || payload.ValueKind != JsonValueKind.Object)
            throw new ShopifyApiException($"Shopify answered {operationName} without {payloadField}");
        if (payload.TryGetProperty("userErrors", out var userErrors) && userErrors.ValueKind == JsonValueKind.Array && userErrors.GetArrayLength() > 0)
            throw new ShopifyUserErrorsException(operationName, userErrors.EnumerateArray().Select(ReadUserError).ToList());
        return payload;
    }

    /// <summary>
    /// Every node of the connection <c>data.{connectionField}</c>, page by page (<c>first</c>/<c>after</c> with
    /// <c>pageInfo.endCursor</c>) until <c>hasNextPage</c> is false; each page is fetched once.
    /// </summary>
    public async IAsyncEnumerable<JsonElement> PaginateAsync(string operationName, string document, JsonObject variables, string connectionField,
        double expectedCost, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var pageVariables = (JsonObject)variables.DeepClone();
            pageVariables["first"] = options.PageSize;
            pageVariables["after"] = after;
            var data = await QueryAsync(operationName, document, pageVariables, expectedCost, cancellationToken);
            var connection = data.GetProperty(connectionField);
            foreach (var node in connection.GetProperty("nodes").EnumerateArray()) yield return node;
            var pageInfo = connection.GetProperty("pageInfo");
            after = pageInfo.GetProperty("hasNextPage").GetBoolean() ? pageInfo.GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
    }

    private async Task<HttpResponseMessage> SendAsync(string operationName, string document, JsonObject? variables, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = document, ["operationName"] = operationName, ["variables"] = variables?.DeepClone() ?? new JsonObject() };
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Shopify-Access-Token", options.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            // The resilience handler already retried; the message names the shop, never the token.
            throw new ShopifyApiException($"Shopify could not be reached for {operationName} at {options.ShopDomain}: {e.Message}", e);
        }
    }

    private async Task WaitBeforeRetryAsync(string operationName, int attempt, TimeSpan wait, string reason, CancellationToken cancellationToken)
    {
        if (attempt >= options.MaxRateLimitRetries)
            throw new ShopifyApiException($"Shopify kept throttling {operationName} ({reason}) after {attempt + 1} attempts");
        logger.LogInformation("Shopify throttled {Operation} ({Reason}); retrying in {Wait}", operationName, reason, wait);
        await Task.Delay(wait, time, cancellationToken);
    }

    private TimeSpan RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > time.GetUtcNow() => date - time.GetUtcNow(),
        _ => DefaultRetryAfter,
    };

    private static bool IsThrottled(JsonElement error) =>
        error.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code) && code.GetString() == "THROTTLED";

    private static ShopifyUserError ReadUserError(JsonElement error) => new(
        error.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "",
        error.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.Array ? field.EnumerateArray().Select(f => f.ToString()).ToList() : [],
        error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null);
}
