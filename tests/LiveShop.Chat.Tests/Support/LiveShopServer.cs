using LiveShop.Chat.Hosting;
using LiveShop.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Support;

/// <summary>
/// The real host on a free loopback port over a database of its own; tests talk to it over HTTP.
/// Subclasses choose whether the sandbox business is seeded at start-up.
/// </summary>
public class LiveShopServer : IAsyncLifetime
{
    private readonly TestDatabase _database = new EmptyTestDatabase();
    private WebApplication? _app;

    /// <summary>The database the server runs on.</summary>
    public TestDatabase Database => _database;

    /// <summary>A client whose base address is the server.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running host's services.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>More configuration arguments (<c>--Key=value</c>) for the host.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Days of sandbox history seeded at start-up; 0 seeds nothing.</summary>
    protected virtual int SeedDays => 0;

    /// <summary>Per-fixture data directory (logs, keys).</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("liveshop-test-").FullName;

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = await LiveShopWebApp.BuildAsync("http://127.0.0.1:0",
        [
            $"--ConnectionStrings:LiveShop={_database.ConnectionString}",
            $"--LiveShop:DataDirectory={DataDirectory}",
            $"--LiveShop:SeedWhenEmpty={SeedDays > 0}",
            $"--LiveShop:SandboxDays={Math.Max(SeedDays, 1)}",
            .. ExtraArguments,
        ], CancellationToken.None);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
