namespace LiveShop.Bench.Verbs.Loopback;

/// <summary>Small web apps on a free loopback port: local protocol fakes and in-process benchmark servers.</summary>
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
}
