using LiveShop.Chat.Api;
using LiveShop.Chat.Components;
using LiveShop.Chat.Health;
using LiveShop.Chat.Hosting.Requests;
using LiveShop.Chat.Hosting.Startup;
using LiveShop.Chat.SignIn;
using LiveShop.Memory.Database;
using Serilog;

namespace LiveShop.Chat.Hosting;

/// <summary>The web host: console, HTTP APIs and health endpoints over the business database.</summary>
public static class LiveShopWebApp
{
    /// <summary>Prepares the database, then serves until stopped; returns the exit code.</summary>
    public static async Task<int> RunAsync(string urls, CancellationToken cancellationToken)
    {
        await using var app = await BuildAsync(urls, [], cancellationToken);
        await app.StartAsync(cancellationToken);
        foreach (var address in app.ListenAddresses())
            Console.WriteLine($"LiveShop console: {address}");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>
    /// Builds the application (also used by tests, which start it on a free port and may give it their own clock through
    /// <paramref name="overrides"/>, applied after every registration so a test's page and its expectations read one clock).
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string urls, string[] args, CancellationToken cancellationToken,
        Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(LiveShopWebApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(urls);
        // Outside a publish (tests, `dotnet run`) static files live in the build's asset manifest; a published app has
        // none and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        var liveShop = builder.Configuration.GetLiveShopOptions();
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}")
            .WriteTo.File(Path.Combine(liveShop.DataDirectory, "logs", "liveshop-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:o} [{Level:u3}] {SourceContext} {CorrelationId} {Message:lj}{NewLine}{Exception}"));

        // Resolving the database may start the private cluster; migrating it is a start-up step, after the options are valid.
        var logins = await DatabaseBootstrap.ResolveLoginsAsync(builder.Configuration, cancellationToken);
        var dataSource = LiveShopDataSource.Create(logins.Application);
        builder.Services.AddLiveShopServices(builder.Configuration, dataSource);
        builder.Services.AddLiveShopSignIn();
        builder.Services.AddStartupSteps(logins);
        overrides?.Invoke(builder.Services);

        builder.AddRequestLimits();
        var app = builder.Build();
        try
        {
            await StartupSteps.RunAsync(app.Services, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseRequestBodyProblems();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<CrossSiteRequestGuard>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseJsonBodyTextCheck();
        app.MapStaticAssets().AllowAnonymous();
        app.MapLiveShopHealthChecks();
        app.MapSignInEndpoints();
        app.MapEventsApi();
        app.MapVerifyApi();
        app.MapGatewayApi();
        app.MapSandboxApi();
        app.MapKnowledgeApi();
        app.MapIntegrationsApi();
        app.MapChatApi();
        app.MapMessagingApi();
        app.MapMetricsApi();
        app.MapAutonomyApi();
        app.MapAlertsApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
