namespace LiveShop.Plugins.Sandbox.Simulation;

// The rows the simulated business produces, shaped like the operational tables so the seeder maps them
// one to one; hidden simulation parameters (quality, elasticity) never appear here.

/// <summary>A product of the catalogue as the shop sees it.</summary>
public sealed record ProductRecord(
    string Id, string Sku, string Title, string Category, decimal Price, decimal UnitCost, decimal ShippingCost,
    decimal PlatformFeePct, int Stock, int ReorderPoint, string SupplierId, string Status, DateTimeOffset CreatedAt);

/// <summary>A change of a product's price.</summary>
public sealed record PriceChangeRecord(long Id, string ProductId, decimal FromPrice, decimal ToPrice, DateTimeOffset ChangedAt, string ChangedBy, string? Reason);

/// <summary>A product's listing on one sales channel.</summary>
public sealed record ListingRecord(string Id, string ProductId, string Channel, string ExternalId, string Title, string Description, decimal Price, string Status, DateTimeOffset PublishedAt);

/// <summary>A buyer.</summary>
public sealed record CustomerRecord(string Id, string Email, string Name, string Country, DateTimeOffset CreatedAt);

/// <summary>One line of an order.</summary>
public sealed record OrderLineRecord(long Id, string OrderId, string ProductId, int Quantity, decimal UnitPrice, decimal LineTotal);

/// <summary>An order with its lines; status moves placed → paid → fulfilled → delivered (or cancelled / refunded).</summary>
public sealed record OrderRecord(
    string Id, string CustomerId, string Channel, DateTimeOffset PlacedAt, string Status, decimal Subtotal, decimal ShippingFee,
    decimal Total, string Currency, string Ip, string DeviceId, string BillingCountry, string ShippingCountry, bool FirstOrder,
    string? LiveShowId, string? CreatorId, DateTimeOffset? FulfilledAt, DateTimeOffset? DeliveredAt, IReadOnlyList<OrderLineRecord> Lines);

/// <summary>A payment attempt for an order.</summary>
public sealed record PaymentRecord(string Id, string OrderId, string Provider, decimal Amount, decimal Fee, string Status, DateTimeOffset? CapturedAt);

/// <summary>A refund of (part of) an order.</summary>
public sealed record RefundRecord(string Id, string OrderId, string CustomerId, decimal Amount, string Reason, string Status, DateTimeOffset RequestedAt, DateTimeOffset? ProcessedAt);

/// <summary>A payment dispute (chargeback) raised by a card holder.</summary>
public sealed record DisputeRecord(string Id, string OrderId, string? PaymentId, decimal Amount, string Reason, string Status, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt);

/// <summary>A weekly payout of a sales channel with what the shop expected to receive.</summary>
public sealed record SettlementRecord(
    string Id, string Channel, DateOnly PeriodStart, DateOnly PeriodEnd, decimal GrossAmount, decimal Fees, decimal RefundsAmount,
    decimal NetAmount, decimal ExpectedNetAmount, DateTimeOffset ReceivedAt, string Status);

/// <summary>An account of the chart of accounts.</summary>
public sealed record LedgerAccountRecord(string Code, string Name, string Type);

/// <summary>One debit or credit of a journal entry.</summary>
public sealed record LedgerLineRecord(long Id, Guid JournalEntryId, string AccountCode, decimal Debit, decimal Credit);

/// <summary>A balanced double-entry journal entry.</summary>
public sealed record JournalEntryRecord(Guid Id, DateTimeOffset OccurredAt, string Description, string SourceType, string SourceId, IReadOnlyList<LedgerLineRecord> Lines);

/// <summary>A customer support ticket.</summary>
public sealed record SupportTicketRecord(
    string Id, string CustomerId, string? OrderId, string Channel, string Subject, string Body, string Status, string Priority,
    DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ResolvedAt);

/// <summary>An advertising campaign on one ads platform.</summary>
public sealed record AdCampaignRecord(string Id, string Platform, string Name, string Objective, string Status, DateTimeOffset StartedAt);

/// <summary>An ad set promoting one product with a daily budget.</summary>
public sealed record AdSetRecord(string Id, string CampaignId, string ProductId, string Name, decimal DailyBudget, string Status, DateTimeOffset CreatedAt);

/// <summary>A change of an ad set's daily budget.</summary>
public sealed record AdSetBudgetChangeRecord(long Id, string AdSetId, decimal FromBudget, decimal ToBudget, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>One day of an ad set's delivery and attributed results.</summary>
public sealed record AdSetDailyMetricRecord(string AdSetId, DateOnly Date, decimal Spend, int Impressions, int Clicks, int Orders, decimal Revenue);

/// <summary>A supplier of stock.</summary>
public sealed record SupplierRecord(string Id, string Name, string Country, int LeadTimeDays, decimal OnTimeRate, string Status);
// OnTimeRate is in percent (82 means 82 % of purchase orders arrive by the expected date).

/// <summary>One product line of a purchase order.</summary>
public sealed record PurchaseOrderLineRecord(long Id, string PurchaseOrderId, string ProductId, int Quantity, decimal UnitCost);

/// <summary>A reorder of stock from a supplier.</summary>
public sealed record PurchaseOrderRecord(
    string Id, string SupplierId, string Status, DateTimeOffset OrderedAt, DateTimeOffset ExpectedAt, DateTimeOffset? ReceivedAt,
    decimal Total, IReadOnlyList<PurchaseOrderLineRecord> Lines);

/// <summary>A creator (affiliate / live host) selling for the shop on commission.</summary>
public sealed record CreatorRecord(string Id, string Handle, string Platform, string Tier, decimal CommissionPct, string Status, DateTimeOffset OnboardedAt);

/// <summary>A creator's commission on one order.</summary>
public sealed record CreatorCommissionRecord(long Id, string CreatorId, string OrderId, decimal Amount, DateTimeOffset EarnedAt, string? CreatorPayoutId);

/// <summary>A payout of accumulated commissions to a creator.</summary>
public sealed record CreatorPayoutRecord(string Id, string CreatorId, decimal Amount, string Status, DateOnly PeriodEnd, DateTimeOffset? PaidAt);

/// <summary>A live shopping show hosted by a creator.</summary>
public sealed record LiveShowRecord(
    string Id, string CreatorId, string Channel, string Title, DateTimeOffset ScheduledAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    int PeakViewers, int TotalViewers, int OrdersCount, decimal Revenue, string Status);

/// <summary>A product featured in a live show at a show price.</summary>
public sealed record LiveShowProductRecord(string LiveShowId, string ProductId, DateTimeOffset? PinnedAt, decimal ShowPrice);

/// <summary>A person who uses the platform.</summary>
public sealed record UserRecord(Guid Id, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt, bool Disabled);

/// <summary>A business event as the simulated world reports it; <see cref="Data"/> serialises to the event's snake_case shape.</summary>
public sealed record SimulatedEvent(Guid EventId, string Type, DateTimeOffset OccurredAt, string Source, object Data);
