using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Database;
using LiveShop.Memory.Database.Privileges;

namespace LiveShop.Chat.Cli;

/// <summary><c>db start|stop|status|reset</c>: manage the private PostgreSQL cluster.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "Manage the private PostgreSQL cluster (not used when ConnectionStrings__LiveShop is set).");
        db.Add(Verb("start", "Create the cluster if needed, start it and apply migrations (on a configured server: migrations and grants only).", Start));
        db.Add(Verb("stop", "Stop the cluster.", Stop));
        db.Add(Verb("status", "Show whether the cluster exists and runs.", Status));
        var reset = Verb("reset", "Delete ALL data in the cluster and start afresh (needs --yes).", Reset);
        reset.Add(new Option<bool>("--yes") { Description = "Confirm that every row of the private database may be deleted" });
        db.Add(reset);
        return db;
    }

    private static Command Verb(string name, string description, Func<ParseResult, PrivateCluster?, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description);
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            var database = configuration.GetDatabaseOptions();
            if (!string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                if (name == "start") return await MigrateConfiguredAsync(result, configuration, cancellationToken);
                result.Error().WriteLine("liveshop: ConnectionStrings__LiveShop is configured, so there is no private cluster to manage.");
                return name == "status" ? await PrintConfiguredStatusAsync(result, configuration, cancellationToken) : 1;
            }
            var cluster = new PrivateCluster(DatabaseConnection.ClusterFor(database, configuration.GetLiveShopOptions().DataDirectory));
            try
            {
                return await run(result, cluster, cancellationToken);
            }
            catch (ClusterException e)
            {
                result.Error().WriteLine($"liveshop: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> Start(ParseResult result, PrivateCluster? cluster, CancellationToken cancellationToken)
    {
        await using var dataSource = await DatabaseBootstrap.OpenAsync(LiveShopConfiguration.Build(), result.Out(), cancellationToken);
        await Status(result, cluster, cancellationToken);
        return 0;
    }

    private static async Task<int> Stop(ParseResult result, PrivateCluster? cluster, CancellationToken cancellationToken)
    {
        await cluster!.StopAsync(cancellationToken);
        result.Out().WriteLine("database: stopped");
        return 0;
    }

    private static async Task<int> Status(ParseResult result, PrivateCluster? cluster, CancellationToken cancellationToken)
    {
        var status = await cluster!.GetStatusAsync(cancellationToken);
        var state = !status.Initialized ? "not created" : status.Running ? "running" : "stopped";
        result.Out().WriteLine($"database: {state}");
        if (status.Port is { } port) result.Out().WriteLine($"address: 127.0.0.1:{port}");
        result.Out().WriteLine($"cluster: {status.ClusterDirectory}");
        result.Out().WriteLine($"roles: {DatabaseRoles.Owner} (owner: migrations), {DatabaseRoles.Application} (application: the host and the verbs)");
        return 0;
    }

    private static async Task<int> Reset(ParseResult result, PrivateCluster? cluster, CancellationToken cancellationToken)
    {
        if (!result.GetValue<bool>("--yes"))
        {
            result.Error().WriteLine("liveshop: db reset deletes every row of the private database; run `./liveshop db reset --yes` to confirm.");
            return 1;
        }
        await cluster!.ResetAsync(cancellationToken);
        result.Out().WriteLine("database: reset; it is empty and will be migrated and seeded on the next start");
        return 0;
    }

    // A deploy step for an external server: migrations and grants with the owner login, so the host itself can run with
    // the application login alone.
    private static async Task<int> MigrateConfiguredAsync(ParseResult result, IConfiguration configuration, CancellationToken cancellationToken)
    {
        await using var dataSource = await DatabaseBootstrap.OpenAsync(configuration, result.Out(), cancellationToken);
        result.Out().WriteLine("database: migrated and granted (configured server)");
        return 0;
    }

    private static async Task<int> PrintConfiguredStatusAsync(ParseResult result, IConfiguration configuration, CancellationToken cancellationToken)
    {
        await using var dataSource = LiveShopDataSource.Create(configuration.GetDatabaseOptions().ConnectionString!);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            result.Out().WriteLine($"database: reachable (configured, {connection.Host}:{connection.Port})");
            return 0;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            result.Out().WriteLine($"database: unreachable (configured): {e.Message}");
            return 1;
        }
    }
}
