using LiveShop.Memory.Events.Checkpoints;

namespace LiveShop.Chat.Hosting;

/// <summary>The audit trail's anchor: the signed chain checkpoints, for the host (a worker) and the CLI alike.</summary>
public static class AuditServices
{
    /// <summary>The checkpoint file of the configured data directory, with the key from <c>Audit:CheckpointKey</c> or the data directory.</summary>
    public static ChainCheckpointFile OpenCheckpointFile(IConfiguration configuration) =>
        new(configuration.GetLiveShopOptions().DataDirectory, configuration[ChainCheckpointFile.KeyConfigurationKey]);

    /// <summary>Registers the checkpoint file, its schedule (section <c>Audit</c>) and the worker that writes checkpoints.</summary>
    public static IServiceCollection AddChainCheckpoints(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => OpenCheckpointFile(configuration));
        services.AddOptions<CheckpointSchedule>().BindConfiguration(CheckpointSchedule.Section);
        services.AddHostedService<ChainCheckpointWorker>();
        return services;
    }
}
