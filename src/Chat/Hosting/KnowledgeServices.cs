using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Ingestion;
using LiveShop.Memory.Knowledge.Retrieval;
using LiveShop.Memory.Learnings;
using LiveShop.Plugins.Memory;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Hosting;

/// <summary>Registers the knowledge base, long-term memory, learning, the memory plugin and the remember executor; the web host adds their workers.</summary>
public static class KnowledgeServices
{
    /// <summary>The embedder configuration names (<c>Embeddings:*</c>); the local model when nothing is configured.</summary>
    public static ITextEmbedder CreateEmbedder(IConfiguration configuration) =>
        TextEmbedders.Create(
            configuration.GetSection(EmbeddingOptions.Section).Get<EmbeddingOptions>() ?? new EmbeddingOptions(),
            () => new HttpClient { Timeout = TimeSpan.FromSeconds(100) });

    /// <summary>Adds the host's part of knowledge: console and API uploads (the knowledge base is Memory's, the memory plugin the Plugins layer's).</summary>
    public static IServiceCollection AddKnowledgeAndMemory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKnowledgeUploadOptions(configuration);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KnowledgeUploadOptions>>().Value);
        services.AddSingleton<KnowledgeUploads>();
        return services;
    }

    /// <summary>The background workers of knowledge and memory (the web host's; a verb runs none): learning passes and queued ingestion.</summary>
    public static IServiceCollection AddKnowledgeWorkers(this IServiceCollection services)
    {
        services.AddHostedService<LearningWorker>();
        services.AddHostedService<KnowledgeIngestionWorker>();
        return services;
    }

    /// <summary>The uploads folder under the data directory and the size limit <c>Knowledge:MaxUploadBytes</c>, as the host validates them.</summary>
    public static KnowledgeUploadOptions UploadOptions(IConfiguration configuration) =>
        configuration.ReadOptions<KnowledgeUploadOptions>(services => services.AddKnowledgeUploadOptions(configuration));

    /// <summary>Binds section <c>Knowledge</c> and validates it at start: the size limit must be positive.</summary>
    public static IServiceCollection AddKnowledgeUploadOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeUploadOptions>()
            .Bind(configuration.GetSection(KnowledgeUploadOptions.Section))
            .PostConfigure(o => o.Directory = Path.Combine(configuration.GetLiveShopOptions().DataDirectory, "knowledge-uploads"))
            .Validate(o => o.MaxBytes > 0, $"{KnowledgeUploadOptions.MaxBytesKey} must be a positive number of bytes")
            .ValidateOnStart();
        return services;
    }
}
