using LiveShop.Chat.Access;
using LiveShop.Kernel.Policies;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Integrations.Connections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary>One integration as the API and <c>integrations list --json</c> show it: its state and setting names, never values.</summary>
public sealed record IntegrationView
{
    /// <summary>The integration id, e.g. <c>stripe</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The name people know it by.</summary>
    public required string Name { get; init; }
    /// <summary>Its family (plugin folder).</summary>
    public required string Family { get; init; }
    /// <summary><c>sandbox</c> or <c>live</c>, from configuration.</summary>
    public required string Mode { get; init; }
    /// <summary><c>sandbox</c>, <c>live_connected</c> or <c>live_awaiting_connection</c>.</summary>
    public required string State { get; init; }
    /// <summary>The state in words.</summary>
    public required string Label { get; init; }
    /// <summary>Whether a real client exists (otherwise: contract + sandbox).</summary>
    public required bool RealClient { get; init; }
    /// <summary>The configuration section, e.g. <c>Integrations:Stripe</c>.</summary>
    public required string ConfigurationSection { get; init; }
    /// <summary>The setting names that must all be set for it to be live.</summary>
    public required IReadOnlyList<string> RequiredSettings { get; init; }
    /// <summary>When it was last connected or disconnected.</summary>
    public DateTimeOffset? ConnectionChangedAt { get; init; }
    /// <summary>Who requested the last connection change.</summary>
    public string? ConnectionChangedBy { get; init; }

    /// <summary>The view of one effective state.</summary>
    public static IntegrationView From(IntegrationState state) => new()
    {
        Id = state.Status.Id, Name = state.Status.Descriptor.DisplayName, Family = state.Status.Descriptor.Family.ToString(),
        Mode = state.Status.Mode == ConnectorMode.Live ? "live" : "sandbox",
        State = state.Effective switch
        {
            EffectiveMode.LiveConnected => "live_connected",
            EffectiveMode.LiveAwaitingConnection => "live_awaiting_connection",
            _ => "sandbox",
        },
        Label = state.Label, RealClient = state.Status.Descriptor.HasRealClient, ConfigurationSection = state.Status.Descriptor.ConfigurationSection,
        RequiredSettings = state.Status.Descriptor.RequiredSettings, ConnectionChangedAt = state.ConnectionChangedAt, ConnectionChangedBy = state.ConnectionChangedBy,
    };
}

/// <summary>The integrations' answer: every integration, in catalog order (grouped by family).</summary>
public sealed record IntegrationsList(IReadOnlyList<IntegrationView> Integrations);

/// <summary><c>GET /api/integrations</c>: which integrations are sandbox, live and connected, or live awaiting connection.</summary>
public static class IntegrationsApi
{
    public static IEndpointRouteBuilder MapIntegrationsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/integrations", ListAsync).WithName("ListIntegrations")
            .WithSummary("Every integration with its mode (sandbox / live), connection and the names of its required settings.")
            .RequireConsoleOperation(ConsoleOperations.Integrations);
        return endpoints;
    }

    private static async Task<Ok<IntegrationsList>> ListAsync(IntegrationConnections connections, CancellationToken cancellationToken) =>
        TypedResults.Ok(new IntegrationsList((await connections.ListAsync(cancellationToken)).Select(IntegrationView.From).ToList()));
}
