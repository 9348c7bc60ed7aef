using LiveShop.Memory.Events.Checkpoints;
using Npgsql;

namespace LiveShop.Chat.Hosting;

/// <summary>The audit trail's anchor: the signed chain checkpoints, for the host (a worker) and the CLI alike.</summary>
public static class AuditServices
{
    /// <summary>The checkpoint file of <paramref name="dataSource"/>'s database in the configured data directory, with the key from <c>Audit:CheckpointKey</c> or the data directory.</summary>
    public static ChainCheckpointFile OpenCheckpointFile(IConfiguration configuration, NpgsqlDataSource dataSource) =>
        new(configuration.GetLiveShopOptions().DataDirectory, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database ?? "postgres",
            configuration[ChainCheckpointFile.KeyConfigurationKey]);

    /// <summary>Registers the checkpoint file, its schedule (section <c>Audit</c>) and the worker that writes checkpoints.</summary>
    public static IServiceCollection AddChainCheckpoints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => OpenCheckpointFile(configuration, sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddOptions<CheckpointSchedule>().BindConfiguration(CheckpointSchedule.Section).ValidateOnStart();
        services.AddHostedService<ChainCheckpointWorker>();
        return services;
    }
}
