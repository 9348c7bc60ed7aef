using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Channels;
using LiveShop.Memory.Data.Entities.Creators;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.Knowledge;
using LiveShop.Memory.Data.Entities.LiveShows;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Data.Entities.Sandbox;
using LiveShop.Memory.Data.Entities.Supply;
using LiveShop.Memory.Data.Entities.Support;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Memory.Data;

/// <summary>
/// The business database: operational data of the shop and the platform's own tables.
/// Every entity has its configuration under <c>EntityConfigurations/</c>.
/// </summary>
public sealed class LiveShopDbContext(DbContextOptions<LiveShopDbContext> options) : DbContext(options)
{
    // Catalog and channels
    public DbSet<Product> Products => Set<Product>();
    public DbSet<PriceChange> PriceChanges => Set<PriceChange>();
    public DbSet<Listing> Listings => Set<Listing>();

    // Customers, orders, payments
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<Dispute> Disputes => Set<Dispute>();

    // Finance
    public DbSet<Settlement> Settlements => Set<Settlement>();
    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<LedgerLine> LedgerLines => Set<LedgerLine>();

    // Support
    public DbSet<SupportTicket> SupportTickets => Set<SupportTicket>();

    // Advertising
    public DbSet<AdCampaign> AdCampaigns => Set<AdCampaign>();
    public DbSet<AdSet> AdSets => Set<AdSet>();
    public DbSet<AdSetBudgetChange> AdSetBudgetChanges => Set<AdSetBudgetChange>();
    public DbSet<AdSetDailyMetric> AdSetDailyMetrics => Set<AdSetDailyMetric>();

    // Supply
    public DbSet<Supplier> Suppliers => Set<Supplier>();
    public DbSet<PurchaseOrder> PurchaseOrders => Set<PurchaseOrder>();
    public DbSet<PurchaseOrderLine> PurchaseOrderLines => Set<PurchaseOrderLine>();

    // Creators and live shows
    public DbSet<Creator> Creators => Set<Creator>();
    public DbSet<CreatorCommission> CreatorCommissions => Set<CreatorCommission>();
    public DbSet<CreatorPayout> CreatorPayouts => Set<CreatorPayout>();
    public DbSet<LiveShow> LiveShows => Set<LiveShow>();
    public DbSet<LiveShowProduct> LiveShowProducts => Set<LiveShowProduct>();

    // Platform
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Approval> Approvals => Set<Approval>();
    public DbSet<GatewayExecution> GatewayExecutions => Set<GatewayExecution>();
    public DbSet<DecisionLogEntry> DecisionLog => Set<DecisionLogEntry>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<AgentTask> AgentTasks => Set<AgentTask>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();
    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();
    public DbSet<IntegrationConnection> IntegrationConnections => Set<IntegrationConnection>();

    // Knowledge and memory
    public DbSet<KnowledgeDocument> KnowledgeDocuments => Set<KnowledgeDocument>();
    public DbSet<KnowledgeChunk> KnowledgeChunks => Set<KnowledgeChunk>();
    public DbSet<LongTermMemory> LongTermMemories => Set<LongTermMemory>();
    public DbSet<LearningCursor> LearningCursors => Set<LearningCursor>();

    // The live sandbox simulation's own state (hidden from agents)
    public DbSet<SandboxState> SandboxStates => Set<SandboxState>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is the common case; percentages and rates override this in their configurations.
        configurationBuilder.Properties<decimal>().HavePrecision(14, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LiveShopDbContext).Assembly);
    }
}
