using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LiveShop.Chat.Hosting;

/// <summary>The addresses a started web app listens on.</summary>
public static class ServerAddresses
{
    /// <summary>Every address a started app listens on (with the real port when it asked for port 0).</summary>
    public static IReadOnlyCollection<string> ListenAddresses(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    /// <summary>The first address a started app listens on.</summary>
    public static string ListenAddress(this WebApplication app) => app.ListenAddresses().First();
}
