namespace LiveShop.Plugins.Sandbox.Simulation;

/// <summary>
/// The whole state of the simulated business: every record it has produced so far, the hidden traits of its
/// products and the work it has scheduled for later days. Only <see cref="SandboxSimulator"/> changes it.
/// </summary>
public sealed class SandboxWorld
{
    internal SandboxWorld(int seed, DateOnly startDate)
    {
        Seed = seed;
        StartDate = startDate;
        Today = startDate;
    }

    /// <summary>How much browsing traffic the shop gets relative to the standard catalogue (1 = standard).</summary>
    public double TrafficScale { get; init; } = 1.0;

    /// <summary>The seed the world was created from.</summary>
    public int Seed { get; }

    /// <summary>The first simulated day.</summary>
    public DateOnly StartDate { get; }

    /// <summary>The next day <see cref="SandboxSimulator.AdvanceDay"/> will simulate.</summary>
    public DateOnly Today { get; internal set; }

    /// <summary>Products as the shop sees them now (price and stock change).</summary>
    public List<ProductRecord> Products { get; } = [];

    /// <summary>Hidden traits per product, same order as <see cref="Products"/>.</summary>
    public List<HiddenProductTraits> Traits { get; } = [];

    public List<PriceChangeRecord> PriceChanges { get; } = [];
    public List<ListingRecord> Listings { get; } = [];
    public List<CustomerRecord> Customers { get; } = [];
    public List<OrderRecord> Orders { get; } = [];
    public List<PaymentRecord> Payments { get; } = [];
    public List<RefundRecord> Refunds { get; } = [];
    public List<DisputeRecord> Disputes { get; } = [];
    public List<SettlementRecord> Settlements { get; } = [];
    public List<JournalEntryRecord> JournalEntries { get; } = [];
    public List<SupportTicketRecord> Tickets { get; } = [];
    public List<AdCampaignRecord> Campaigns { get; } = [];
    public List<AdSetRecord> AdSets { get; } = [];
    public List<AdSetBudgetChangeRecord> BudgetChanges { get; } = [];
    public List<AdSetDailyMetricRecord> AdMetrics { get; } = [];
    public List<SupplierRecord> Suppliers { get; } = [];
    public List<PurchaseOrderRecord> PurchaseOrders { get; } = [];
    public List<CreatorRecord> Creators { get; } = [];
    public List<CreatorCommissionRecord> Commissions { get; } = [];
    public List<CreatorPayoutRecord> Payouts { get; } = [];
    public List<LiveShowRecord> LiveShows { get; } = [];
    public List<LiveShowProductRecord> LiveShowProducts { get; } = [];
    public List<UserRecord> Users { get; } = [];

    /// <summary>Every event the world has reported, in the order of the days, by time within a day.</summary>
    public List<SimulatedEvent> Events { get; } = [];

    // Positions of records that change after they are written (records are replaced with `with`).
    internal Dictionary<string, int> ProductIndex { get; } = [];
    internal Dictionary<string, int> OrderIndex { get; } = [];
    internal Dictionary<string, int> PaymentByOrder { get; } = [];
    internal Dictionary<string, int> RefundIndex { get; } = [];
    internal Dictionary<string, int> DisputeIndex { get; } = [];
    internal Dictionary<string, int> TicketIndex { get; } = [];
    internal Dictionary<string, int> PurchaseOrderIndex { get; } = [];
    internal Dictionary<string, int> LiveShowIndex { get; } = [];
    internal Dictionary<string, int> PayoutIndex { get; } = [];
    internal Dictionary<string, int> AdSetIndex { get; } = [];

    /// <summary>Per customer: stable ip and device, and how many orders so far.</summary>
    internal List<CustomerProfile> Profiles { get; } = [];

    internal Dictionary<DateOnly, List<ScheduledStep>> Schedule { get; } = [];
    internal Dictionary<(string Channel, DateOnly Day), ChannelDayTally> Tallies { get; } = [];
    internal HashSet<string> ProductsWithOpenPurchaseOrder { get; } = [];
    internal HashSet<string> ProductsFlaggedLow { get; } = [];
    internal HashSet<DateOnly> FraudBurstDays { get; } = [];
    /// <summary>Refunds already requested per order, so later requests never exceed what was paid.</summary>
    internal Dictionary<string, decimal> RefundedByOrder { get; } = [];
    /// <summary>(product, channel) pairs whose listing was taken down: the product does not sell there.</summary>
    internal HashSet<(string ProductId, string Channel)> DelistedPairs { get; } = [];
    internal Dictionary<string, int> AudienceByCreator { get; } = [];
    /// <summary>Disturbances of the world (hidden from the business), in the order they were added.</summary>
    internal List<Shocks.SandboxShock> Shocks { get; } = [];

    internal long NextOrderLineId = 1, NextLedgerLineId = 1, NextPriceChangeId = 1, NextBudgetChangeId = 1,
        NextPurchaseOrderLineId = 1, NextCommissionId = 1;

    internal int NextOrderNumber = 1001, NextPaymentNumber = 1, NextRefundNumber = 1, NextDisputeNumber = 1,
        NextSettlementNumber = 1, NextTicketNumber = 1, NextPurchaseOrderNumber = 1, NextLiveShowNumber = 1, NextPayoutNumber = 1;
}

/// <summary>What the simulation remembers about a buyer between orders.</summary>
internal sealed record CustomerProfile(string CustomerId, string Country, string Ip, string DeviceId)
{
    public int Orders { get; set; }
}

/// <summary>Money a channel took on one day, for the weekly settlement and the daily sales journal.</summary>
internal sealed class ChannelDayTally
{
    public decimal Gross, Subtotal, Shipping, Fees, Refunds, CostOfGoods, Commissions;
    public int Orders;
}

/// <summary>Work the world does on a later day (a delivery, a refund step, a stock arrival…).</summary>
[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(FulfilOrder), "fulfil_order")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(DeliverOrder), "deliver_order")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(RequestRefund), "request_refund")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ApproveRefund), "approve_refund")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ProcessRefund), "process_refund")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(OpenDispute), "open_dispute")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(SubmitEvidence), "submit_evidence")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ResolveDispute), "resolve_dispute")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(OpenTicket), "open_ticket")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(AnswerTicket), "answer_ticket")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ReceivePurchaseOrder), "receive_purchase_order")]
// The simulated world's own step names, persisted in sandbox_state; the creator payout step is not the agents' action of the same name.
[System.Text.Json.Serialization.JsonDerivedType(typeof(PayCreator), "pay_creator")]
internal abstract record ScheduledStep(DateTimeOffset At);
