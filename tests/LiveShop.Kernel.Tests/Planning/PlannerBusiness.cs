using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Planning.Offline;
using LiveShop.Kernel.Tests.Functions;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Retrieval;
using LiveShop.Memory.Learnings;
using LiveShop.Plugins.Functions;
using LiveShop.Plugins.Memory;
using LiveShop.Plugins.Support;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Kernel.Tests.Planning;

/// <summary>A small store written with EF: orders to refund, a product, and a cash ledger whose runway is 70 days.</summary>
public sealed class PlannerBusiness : TestDatabase, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateContext();
        db.Customers.Add(new Customer { Id = "c_1", Email = "a@example.com", Name = "Ann", Country = "AU", CreatedAt = Now.AddDays(-90) });
        db.Products.Add(new Product
        {
            Id = "p_1", Sku = "SKU1", Title = "Glow serum", Category = "beauty", Price = 39m, UnitCost = 9.5m, ShippingCost = 3m,
            PlatformFeePct = 8m, Stock = 5, ReorderPoint = 10, Status = "active", CreatedAt = Now.AddDays(-90),
        });
        db.Orders.AddRange(Order("o_12", 78m), Order("o_40", 900m));
        db.LedgerAccounts.AddRange(
            new LedgerAccount { Code = "1000", Name = "Cash at bank", Type = "asset" },
            new LedgerAccount { Code = "3000", Name = "Owner equity", Type = "equity" },
            new LedgerAccount { Code = "6100", Name = "Advertising", Type = "expense" });
        db.JournalEntries.AddRange(
            Journal(Now.AddDays(-60), "Opening balances", ("1000", 50000m, 0m), ("3000", 0m, 50000m)),
            Journal(Now.AddDays(-10), "Ad spend", ("6100", 15000m, 0m), ("1000", 0m, 15000m)));
        await db.SaveChangesAsync();
    }

    private static Order Order(string id, decimal total) => new()
    {
        Id = id, CustomerId = "c_1", Channel = "shopify", PlacedAt = Now.AddDays(-2), Status = "paid", Subtotal = total, Total = total,
        Currency = "AUD", Ip = "10.0.0.1", DeviceId = "d_1", BillingCountry = "AU", ShippingCountry = "AU", FirstOrder = false,
        Lines = [new OrderLine { OrderId = id, ProductId = "p_1", Quantity = 1, UnitPrice = total, LineTotal = total }],
    };

    private static JournalEntry Journal(DateTimeOffset at, string description, params (string Account, decimal Debit, decimal Credit)[] lines) => new()
    {
        Id = Guid.NewGuid(), OccurredAt = at, Description = description, SourceType = "test", SourceId = description,
        Lines = lines.Select(l => new LedgerLine { AccountCode = l.Account, Debit = l.Debit, Credit = l.Credit }).ToList(),
    };
}

/// <summary>Contexts over a test database for plugins built without DI.</summary>
public sealed class PlannerContexts(TestDatabase database) : IDbContextFactory<LiveShopDbContext>
{
    public LiveShopDbContext CreateDbContext() => database.CreateContext();
}

/// <summary>A clock stopped at one instant.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// Kernels built by <see cref="KernelFactory"/> over the real plugins, with the offline planner as their chat model and
/// a recording pipeline behind the proof filter.
/// </summary>
public sealed class PlannerHarness
{
    public const string Founder = "founder_assistant";
    public const string SupportLead = "support_lead";

    /// <summary>Who the turns are asked by: a user the pipeline's role check knows when the pipeline is the real one.</summary>
    private readonly string _requester;

    public PlannerHarness(TestDatabase database, IActionPipeline? pipeline = null, string requester = "user:founder")
    {
        _requester = requester;
        var personas = new PersonaFunctionPolicy(new Dictionary<string, IReadOnlyCollection<string>>
        {
            [Founder] = LiveShopPlugins.Names.ToArray(),
            [SupportLead] = [SupportPlugin.Name],
        });
        var clock = new StoppedClock(PlannerBusiness.Now);
        var memory = new MemoryPlugin(
            new KnowledgeSearch(database.DataSource, LocalMiniLmEmbedder.Shared),
            new MemoryStore(database.DataSource, LocalMiniLmEmbedder.Shared, clock));
        var plugins = LiveShopPlugins.Create(new PlannerContexts(database), clock, memory);
        Factory = new KernelFactory(plugins, personas, pipeline ?? Pipeline, Audit, NullLoggerFactory.Instance);
    }

    public static OfflinePlannerChatCompletion Planner { get; } = new(LocalMiniLmEmbedder.Shared);

    public RecordingActionPipeline Pipeline { get; } = new();

    public RecordingFunctionAudit Audit { get; } = new();

    public KernelFactory Factory { get; }

    public Microsoft.SemanticKernel.Kernel KernelFor(string persona = Founder)
    {
        var services = new ServiceCollection().AddSingleton<IChatCompletionService>(Planner).BuildServiceProvider();
        return Factory.CreateForPersona(persona, _requester, services);
    }

    public static PromptExecutionSettings Auto() => new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

    /// <summary>One chat turn: the reply and the history the planner wrote its call and result into.</summary>
    public async Task<(string Reply, ChatHistory History)> AskAsync(string message, string persona = Founder)
    {
        var kernel = KernelFor(persona);
        var history = new ChatHistory();
        history.AddUserMessage(message);
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var reply = await chat.GetChatMessageContentAsync(history, Auto(), kernel);
        return (reply.Content ?? "", history);
    }
}
