using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace LiveShop.Plugins.Payments.Stripe;

/// <summary>
/// When a Stripe call is retried: network failures, 429 and 5xx, unless Stripe says <c>Stripe-Should-Retry: false</c>
/// (and always when it says <c>true</c>). Card and invalid-request errors (other 4xx) are final. Delays back off
/// exponentially and honour <c>Retry-After</c>; the request, idempotency key included, is sent unchanged each time.
/// </summary>
public static class StripeRetries
{
    /// <summary>The header Stripe uses to say whether a failed request may be retried.</summary>
    public const string ShouldRetryHeader = "Stripe-Should-Retry";

    /// <summary>Adds the retry strategy to the Stripe HTTP client's pipeline.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, StripeSettings settings, TimeSpan? baseDelay = null)
    {
        if (settings.MaxNetworkRetries == 0) return;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxNetworkRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = baseDelay ?? TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(10),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
        });
    }

    /// <summary>Whether this outcome of a Stripe call should be retried.</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null) return outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException;
        var response = outcome.Result;
        if (response is null || response.IsSuccessStatusCode) return false;
        if (response.Headers.TryGetValues(ShouldRetryHeader, out var values))
        {
            var said = values.FirstOrDefault()?.Trim();
            if (string.Equals(said, "true", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(said, "false", StringComparison.OrdinalIgnoreCase)) return false;
        }
        return response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
    }
}
