using LiveShop.Memory.Clock;
using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Ingestion;
using LiveShop.Memory.Knowledge.Retrieval;
using LiveShop.Memory.Learnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LiveShop.Memory;

/// <summary>How the Memory layer registers itself; the host composes it with the layers above.</summary>
public static class MemoryServices
{
    /// <summary>
    /// Registers the clock (and the business clock over it), the business database (<paramref name="dataSource"/> and EF Core contexts over it), the event
    /// store, the knowledge base (search, ingestion and its queue) and long-term memory with its learning pass, all over the
    /// one embedder <paramref name="embedder"/> creates (the host chooses it from its configuration).
    /// </summary>
    public static IServiceCollection AddLiveShopMemory(this IServiceCollection services, NpgsqlDataSource dataSource, Func<IServiceProvider, ITextEmbedder> embedder)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(dataSource);
        services.AddDbContextFactory<LiveShopDbContext>(options => options.UseLiveShopDatabase(dataSource));
        services.AddSingleton<IBusinessClock, BusinessClock>();
        services.AddSingleton<EventStore>();
        services.AddSingleton(new SubscriptionOptions());
        services.AddSingleton<SubscriptionCheckpoints>();
        services.AddSingleton<ParkedEvents>();
        services.AddSingleton<SubscriptionRunner>();
        services.AddSingleton(embedder);
        services.AddSingleton<KnowledgeIngestor>();
        services.AddSingleton<KnowledgeSearch>();
        services.AddSingleton<KnowledgeIngestionQueue>();
        services.AddSingleton<KnowledgeIngestionRunner>();
        services.AddSingleton<MemoryStore>();
        services.AddSingleton<ILearningFacts, DatabaseLearningFacts>();
        services.AddSingleton<LearningExtractor>();
        services.AddSingleton<LearningPass>();
        return services;
    }
}
