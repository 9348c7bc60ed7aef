using System.Globalization;
using LiveShop.Plugins.Integrations;
using Microsoft.Extensions.Configuration;

namespace LiveShop.Plugins.Payments.Stripe;

/// <summary>The Stripe account's settings (<c>Integrations:Stripe</c>): the secret key, and for tests another API base.</summary>
public sealed record StripeSettings
{
    /// <summary>The integration id in the catalog.</summary>
    public const string IntegrationId = "stripe";

    /// <summary>The secret API key (<c>sk_…</c> or a restricted <c>rk_…</c> key); never logged or shown.</summary>
    public required string SecretKey { get; init; }

    /// <summary>Another API base (a local fake in tests); null for api.stripe.com.</summary>
    public string? ApiBase { get; init; }

    /// <summary>How many times a rate-limited, failed or unreachable call is retried (same idempotency key each time).</summary>
    public int MaxNetworkRetries { get; init; } = 3;

    /// <summary>Reads and checks the section; a malformed optional value is a start-up error naming the setting.</summary>
    public static StripeSettings From(IConfigurationSection section)
    {
        var problems = new List<string>();
        var apiBase = section["ApiBase"];
        if (!string.IsNullOrWhiteSpace(apiBase) && !Uri.TryCreate(apiBase, UriKind.Absolute, out _))
            problems.Add($"{section.Path}:ApiBase must be an absolute URL such as http://127.0.0.1:12111");
        var retries = 3;
        var retriesText = section["MaxNetworkRetries"];
        if (!string.IsNullOrWhiteSpace(retriesText) && (!int.TryParse(retriesText, NumberStyles.None, CultureInfo.InvariantCulture, out retries) || retries > 10))
            problems.Add($"{section.Path}:MaxNetworkRetries must be a whole number from 0 to 10");
        if (string.IsNullOrWhiteSpace(section["SecretKey"])) problems.Add($"{section.Path}:SecretKey is missing");
        if (problems.Count > 0) throw new IntegrationConfigurationException(problems);
        return new StripeSettings
        {
            SecretKey = section["SecretKey"]!.Trim(), ApiBase = string.IsNullOrWhiteSpace(apiBase) ? null : apiBase.Trim().TrimEnd('/'),
            MaxNetworkRetries = retries,
        };
    }

    /// <summary>Hides the key from logs and debuggers.</summary>
    public override string ToString() => $"StripeSettings {{ ApiBase = {ApiBase ?? "api.stripe.com"}, MaxNetworkRetries = {MaxNetworkRetries} }}";
}
