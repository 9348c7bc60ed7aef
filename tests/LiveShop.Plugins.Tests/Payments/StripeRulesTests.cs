using System.Net;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Payments.Stripe;
using Microsoft.Extensions.Configuration;
using Polly;

namespace LiveShop.Plugins.Tests.Payments;

public sealed class StripeRulesTests
{
    private static Outcome<HttpResponseMessage> Response(HttpStatusCode status, string? shouldRetry = null)
    {
        var response = new HttpResponseMessage(status);
        if (shouldRetry is not null) response.Headers.Add(StripeRetries.ShouldRetryHeader, shouldRetry);
        return Outcome.FromResult(response);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, null, true)]
    [InlineData(HttpStatusCode.InternalServerError, null, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, true)]
    [InlineData(HttpStatusCode.InternalServerError, "false", false)]
    [InlineData(HttpStatusCode.Conflict, "true", true)]
    [InlineData(HttpStatusCode.BadRequest, null, false)]
    [InlineData(HttpStatusCode.PaymentRequired, null, false)]
    [InlineData(HttpStatusCode.NotFound, null, false)]
    [InlineData(HttpStatusCode.OK, null, false)]
    public void Retries_follow_stripe_should_retry_then_the_status(HttpStatusCode status, string? shouldRetry, bool retried) =>
        Assert.Equal(retried, StripeRetries.ShouldRetry(Response(status, shouldRetry)));

    [Fact]
    public void Network_failures_are_retried() =>
        Assert.True(StripeRetries.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection refused"))));

    [Theory]
    [InlineData(25.5, "aud", 2550)]
    [InlineData(1000, "jpy", 1000)]
    [InlineData(1.234, "kwd", 1234)]
    public void Amounts_are_sent_in_the_currency_minor_unit(decimal amount, string currency, long minor)
    {
        Assert.Equal(minor, StripeMoney.ToMinor(amount, currency));
        Assert.Equal(amount, StripeMoney.FromMinor(minor, currency));
    }

    [Fact]
    public void An_amount_finer_than_the_currency_is_refused_not_rounded() =>
        Assert.Throws<InvalidOperationException>(() => StripeMoney.ToMinor(10.005m, "aud"));

    [Fact]
    public void Settings_never_print_the_secret_key() =>
        Assert.DoesNotContain("sk_live", new StripeSettings { SecretKey = "sk_live_123" }.ToString());

    [Fact]
    public void Malformed_optional_settings_stop_start_up_naming_the_setting()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integrations:Stripe:SecretKey"] = "sk_test_x", ["Integrations:Stripe:ApiBase"] = "not a url", ["Integrations:Stripe:MaxNetworkRetries"] = "many",
        }).Build().GetSection("Integrations:Stripe");

        var error = Assert.Throws<IntegrationConfigurationException>(() => StripeSettings.From(section));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("Integrations:Stripe:ApiBase must be an absolute URL", error.Message);
        Assert.DoesNotContain("sk_test_x", error.Message);
    }
}
