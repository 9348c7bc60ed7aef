using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Plugins.Integrations.Connections;

/// <summary>What agents may do with an integration right now: configuration and the founder's connection together.</summary>
public enum EffectiveMode
{
    /// <summary>No credentials: the sandbox business answers.</summary>
    Sandbox,
    /// <summary>Credentials configured and the founder approved <see cref="ConnectIntegrationAction"/>: calls reach the provider.</summary>
    LiveConnected,
    /// <summary>Credentials configured but not (or no longer) connected: its actions are refused, never sent to the sandbox.</summary>
    LiveAwaitingConnection,
}

/// <summary>One integration's effective state, as the console, the API, the CLI and the Integrations plugin show it.</summary>
public sealed record IntegrationState
{
    /// <summary>The integration and its configured mode.</summary>
    public required IntegrationStatus Status { get; init; }

    /// <summary>Configured mode combined with the connection row.</summary>
    public required EffectiveMode Effective { get; init; }

    /// <summary>When the connection was last changed, if ever.</summary>
    public DateTimeOffset? ConnectionChangedAt { get; init; }

    /// <summary>Who last connected or disconnected it.</summary>
    public string? ConnectionChangedBy { get; init; }

    /// <summary>The state in words: "Sandbox", "Live (connected)" or "Live credentials awaiting connection".</summary>
    public string Label => EffectiveModeText.Describe(Effective);
}

/// <summary>Words for <see cref="EffectiveMode"/>, the same on every surface.</summary>
public static class EffectiveModeText
{
    /// <summary>The state in words.</summary>
    public static string Describe(EffectiveMode mode) => mode switch
    {
        EffectiveMode.LiveConnected => "Live (connected)",
        EffectiveMode.LiveAwaitingConnection => "Live credentials awaiting connection",
        _ => "Sandbox",
    };
}

/// <summary>Reads the founder's connections (<c>integration_connections</c>) at call time and combines them with configuration.</summary>
public sealed class IntegrationConnections(Func<LiveShopDbContext> createContext, IntegrationDirectory directory)
{
    /// <summary>The row status of a connected integration.</summary>
    public const string Connected = "connected";

    /// <summary>The row status of a disconnected integration.</summary>
    public const string Disconnected = "disconnected";

    /// <summary>The configuration the states are built on.</summary>
    public IntegrationDirectory Directory => directory;

    /// <summary>Whether the founder's latest decision for the integration is "connected" (read from the database now).</summary>
    public async Task<bool> IsConnectedAsync(string integrationId, CancellationToken cancellationToken)
    {
        await using var db = createContext();
        return await db.IntegrationConnections.AsNoTracking()
            .AnyAsync(c => c.IntegrationId == integrationId && c.Status == Connected, cancellationToken);
    }

    /// <summary>Every integration's effective state, in catalog order.</summary>
    public async Task<IReadOnlyList<IntegrationState>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = createContext();
        var rows = await db.IntegrationConnections.AsNoTracking().ToDictionaryAsync(c => c.IntegrationId, cancellationToken);
        return directory.All.Select(status =>
        {
            var row = rows.GetValueOrDefault(status.Id);
            return new IntegrationState
            {
                Status = status,
                Effective = status.Mode == ConnectorMode.Sandbox ? EffectiveMode.Sandbox
                    : row?.Status == Connected ? EffectiveMode.LiveConnected : EffectiveMode.LiveAwaitingConnection,
                ConnectionChangedAt = row?.ChangedAt,
                ConnectionChangedBy = row?.ChangedBy,
            };
        }).ToList();
    }
}
