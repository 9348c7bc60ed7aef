using LiveShop.Kernel.Actions.Definitions;
namespace LiveShop.Plugins.Integrations;

/// <summary>Where an integration's calls go: the sandbox business simulator or the provider's real API.</summary>
public enum ConnectorMode
{
    /// <summary>No credentials are configured; the sandbox answers.</summary>
    Sandbox,
    /// <summary>Credentials are configured; calls reach the provider.</summary>
    Live,
}

/// <summary>One external tool the business uses, and what makes it live.</summary>
public sealed record IntegrationDescriptor
{
    /// <summary>The id the data uses for it: a channel, payment provider or ad platform value (e.g. <c>stripe</c>, <c>tiktok_ads</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The family (plugin folder) it belongs to.</summary>
    public required IntegrationFamily Family { get; init; }

    /// <summary>The name people know it by.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The configuration section holding its settings, e.g. <c>Integrations:Stripe</c>.</summary>
    public required string ConfigurationSection { get; init; }

    /// <summary>The settings inside the section that must all be present for it to be live, e.g. <c>SecretKey</c>.</summary>
    public required IReadOnlyList<string> RequiredSettings { get; init; }

    /// <summary>Settings the section may also hold (an API base for tests, a retry count); any other key in it is a start-up error.</summary>
    public IReadOnlyList<string> OptionalSettings { get; init; } = [];

    /// <summary>
    /// Whether a real client exists. Without one, configuring credentials is a start-up error rather than a silent
    /// fall-back to the sandbox.
    /// </summary>
    public bool HasRealClient { get; init; }
}
