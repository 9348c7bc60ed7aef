using LiveShop.Chat.SignIn;
using LiveShop.Memory.Database;
using LiveShop.Memory.Knowledge.Embeddings;
using Microsoft.Extensions.Options;
using LiveShop.Memory.Metrics.Store;
using Npgsql;

namespace LiveShop.Chat.Hosting.Startup;

/// <summary>One explicit step of getting the host ready; the steps run in registration order before it serves.</summary>
public interface IStartupStep
{
    /// <summary>Does the step; an exception stops the start.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The host's start-up, in order: the options are validated (every <c>ValidateOnStart</c>, the integration catalogue
/// among them) before anything is written, then the database is migrated and granted, the sandbox business seeded when
/// the database is empty, and the founder account made sure of.
/// </summary>
public static class StartupSteps
{
    /// <summary>Registers the steps, in the order they run.</summary>
    public static IServiceCollection AddStartupSteps(this IServiceCollection services, DatabaseLogins logins)
    {
        services.AddSingleton<IStartupStep>(sp => new MigrateDatabaseStep(logins, sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<IStartupStep, SeedSandboxStep>();
        services.AddSingleton<IStartupStep, FounderAccountStep>();
        return services;
    }

    /// <summary>Validates the options, then runs every step in order.</summary>
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetService<IStartupValidator>()?.Validate();
        foreach (var step in services.GetServices<IStartupStep>()) await step.RunAsync(cancellationToken);
    }
}

/// <summary>Applies pending migrations as the owner and grants the application role what each table needs; reports on stdout.</summary>
public sealed class MigrateDatabaseStep(DatabaseLogins logins, NpgsqlDataSource dataSource) : IStartupStep
{
    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => DatabaseBootstrap.MigrateAsync(logins, dataSource, Console.Out, cancellationToken);
}

/// <summary>Writes the sandbox business and the starter knowledge into an empty database when <c>LiveShop:SeedWhenEmpty</c>.</summary>
public sealed class SeedSandboxStep(NpgsqlDataSource dataSource, IOptions<LiveShopOptions> options, ITextEmbedder embedder, Snapshotter snapshotter) : IStartupStep
{
    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) =>
        StartupSeeding.SeedIfEmptyAsync(dataSource, options.Value, embedder, snapshotter, Console.Out, cancellationToken);
}

/// <summary>Creates the founder account when there is none; a generated password goes to stdout, never to the log files.</summary>
public sealed class FounderAccountStep(NpgsqlDataSource dataSource, IOptions<AuthOptions> options, TimeProvider time) : IStartupStep
{
    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) =>
        FounderAccount.EnsureAsync(() => LiveShopDataSource.CreateContext(dataSource), options.Value, time, Console.Out, cancellationToken);
}
