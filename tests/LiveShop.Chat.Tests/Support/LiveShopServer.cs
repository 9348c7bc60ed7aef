using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net.Http.Headers;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.SignIn;
using LiveShop.Memory.Database;
using LiveShop.Testing;
using Microsoft.AspNetCore.Builder;
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

    /// <summary>The founder account every test server starts with.</summary>
    public const string FounderEmail = "founder@liveshop.local";

    /// <summary>The founder's password, given through <c>Auth:FounderPassword</c>.</summary>
    public const string FounderPassword = "founder-test-password";

    private readonly List<HttpClient> _clients = [];

    /// <summary>A client signed in as the founder (with an API key) whose base address is the server.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client that is not signed in.</summary>
    public HttpClient AnonymousClient { get; private set; } = null!;

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running host's services.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>More configuration arguments (<c>--Key=value</c>) for the host.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Days of sandbox history seeded at start-up; 0 seeds nothing.</summary>
    protected virtual int SeedDays => 0;

    /// <summary>
    /// Whether the sandbox simulation starts paused: on, so nothing writes orders behind a test's assertions; a test
    /// about ticking resumes it or overrides this.
    /// </summary>
    protected virtual bool SandboxPaused => true;

    /// <summary>The host's clock (the page's "now"); tests compute their expectations at it.</summary>
    public virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>Whether the host runs goal tasks in the background; off so a test decides when tasks run (or drives the runner itself).</summary>
    protected virtual bool GoalWorkerEnabled => false;

    /// <summary>Whether the host joins the scheduler cluster; off so no cron firing acts behind a test's assertions.</summary>
    protected virtual bool SchedulerEnabled => false;

    /// <summary>Per-fixture data directory (logs, keys).</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("liveshop-test-").FullName;

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = await LiveShopWebApp.BuildAsync("http://127.0.0.1:0",
        [
            .. _database.ConnectionArguments(),
            $"--LiveShop:DataDirectory={DataDirectory}",
            $"--LiveShop:SeedWhenEmpty={SeedDays > 0}",
            $"--LiveShop:SandboxDays={Math.Max(SeedDays, 1)}",
            $"--Auth:FounderPassword={FounderPassword}",
            $"--Agents:GoalWorker:Enabled={GoalWorkerEnabled}",
            $"--Sandbox:Paused={SandboxPaused}",
            $"--Scheduler:Enabled={SchedulerEnabled}",
            .. ExtraArguments,
        ], CancellationToken.None, services => services.Replace(ServiceDescriptor.Singleton(Clock)));
        await _app.StartAsync();
        var address = _app.ListenAddress();
        BaseAddress = new Uri(address);
        AnonymousClient = new HttpClient { BaseAddress = BaseAddress };
        Client = await ClientForAsync(FounderEmail);
    }

    /// <summary>Creates an API key for the user directly in the database.</summary>
    public async Task<string> CreateApiKeyAsync(string email)
    {
        var created = await new ApiKeyRegistry(() => LiveShopDataSource.CreateContext(_database.DataSource), Clock)
            .CreateAsync(email, "test", CancellationToken.None);
        return created?.Key ?? throw new InvalidOperationException($"no enabled user {email} to create an API key for");
    }

    /// <summary>A client authenticated as the user with a fresh API key (disposed with the server).</summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateApiKeyAsync(email));
        _clients.Add(client);
        return client;
    }

    /// <summary>Gives the user a sign-in password directly in the database.</summary>
    public async Task SetPasswordAsync(string email, string password)
    {
        if (!await new UserPasswords(() => LiveShopDataSource.CreateContext(_database.DataSource)).SetAsync(email, password, CancellationToken.None))
            throw new InvalidOperationException($"no user {email}");
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        AnonymousClient?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
