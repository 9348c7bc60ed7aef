using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LiveShop.Chat.Hosting;

/// <summary>Small web apps on a free loopback port — local protocol fakes and in-process benchmarks — and their addresses.</summary>
public static class LoopbackServers
{
    /// <summary>A slim app builder listening on 127.0.0.1 with a port the OS picks, logging nothing.</summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder;
    }

    /// <summary>Every address a started app listens on (with the real port when it asked for port 0).</summary>
    public static IReadOnlyCollection<string> ListenAddresses(this WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    /// <summary>The first address a started app listens on.</summary>
    public static string ListenAddress(this WebApplication app) => app.ListenAddresses().First();
}
