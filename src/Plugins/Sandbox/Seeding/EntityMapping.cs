using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Channels;
using LiveShop.Memory.Data.Entities.Creators;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Memory.Data.Entities.LiveShows;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Data.Entities.Supply;
using LiveShop.Memory.Data.Entities.Support;
using LiveShop.Plugins.Sandbox.Simulation;

namespace LiveShop.Plugins.Sandbox.Seeding;

/// <summary>Turns the simulator's records into the EF Core entities of the business database, one to one.</summary>
internal static class EntityMapping
{
    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static User ToEntity(UserRecord r) => new()
    {
        Id = r.Id, Email = r.Email, DisplayName = r.DisplayName, Role = r.Role, CreatedAt = r.CreatedAt, Disabled = r.Disabled,
    };

    public static LedgerAccount ToEntity(LedgerAccountRecord r) => new() { Code = r.Code, Name = r.Name, Type = r.Type };

    public static Supplier ToEntity(SupplierRecord r) => new()
    {
        Id = r.Id, Name = r.Name, Country = r.Country, LeadTimeDays = r.LeadTimeDays, OnTimeRate = r.OnTimeRate, Status = r.Status,
    };

    public static Product ToEntity(ProductRecord r) => new()
    {
        Id = r.Id, Sku = r.Sku, Title = r.Title, Category = r.Category, Price = r.Price, UnitCost = r.UnitCost, ShippingCost = r.ShippingCost,
        PlatformFeePct = r.PlatformFeePct, Stock = r.Stock, ReorderPoint = r.ReorderPoint, SupplierId = r.SupplierId, Status = r.Status,
        CreatedAt = r.CreatedAt,
    };

    public static PriceChange ToEntity(PriceChangeRecord r) => new()
    {
        Id = r.Id, ProductId = r.ProductId, FromPrice = r.FromPrice, ToPrice = r.ToPrice, ChangedAt = r.ChangedAt, ChangedBy = r.ChangedBy, Reason = r.Reason,
    };

    public static Listing ToEntity(ListingRecord r) => new()
    {
        Id = r.Id, ProductId = r.ProductId, Channel = r.Channel, ExternalId = r.ExternalId, Title = r.Title, Description = r.Description,
        Price = r.Price, Status = r.Status, PublishedAt = r.PublishedAt,
    };

    public static Customer ToEntity(CustomerRecord r) => new() { Id = r.Id, Email = r.Email, Name = r.Name, Country = r.Country, CreatedAt = r.CreatedAt };

    public static Order ToEntity(OrderRecord r) => new()
    {
        Id = r.Id, CustomerId = r.CustomerId, Channel = r.Channel, PlacedAt = r.PlacedAt, Status = r.Status, Subtotal = r.Subtotal,
        ShippingFee = r.ShippingFee, Total = r.Total, Currency = r.Currency, Ip = r.Ip, DeviceId = r.DeviceId, BillingCountry = r.BillingCountry,
        ShippingCountry = r.ShippingCountry, FirstOrder = r.FirstOrder, LiveShowId = r.LiveShowId, CreatorId = r.CreatorId,
        FulfilledAt = r.FulfilledAt, DeliveredAt = r.DeliveredAt,
        Lines = r.Lines.Select(l => new OrderLine
        {
            Id = l.Id, OrderId = l.OrderId, ProductId = l.ProductId, Quantity = l.Quantity, UnitPrice = l.UnitPrice, LineTotal = l.LineTotal,
        }).ToList(),
    };

    public static Payment ToEntity(PaymentRecord r) => new()
    {
        Id = r.Id, OrderId = r.OrderId, Provider = r.Provider, Amount = r.Amount, Fee = r.Fee, Status = r.Status, CapturedAt = r.CapturedAt,
    };

    public static Refund ToEntity(RefundRecord r) => new()
    {
        Id = r.Id, OrderId = r.OrderId, CustomerId = r.CustomerId, Amount = r.Amount, Reason = r.Reason, Status = r.Status,
        RequestedAt = r.RequestedAt, ProcessedAt = r.ProcessedAt,
    };

    public static Dispute ToEntity(DisputeRecord r) => new()
    {
        Id = r.Id, OrderId = r.OrderId, PaymentId = r.PaymentId, Amount = r.Amount, Reason = r.Reason, Status = r.Status,
        OpenedAt = r.OpenedAt, ResolvedAt = r.ResolvedAt,
    };

    public static Settlement ToEntity(SettlementRecord r) => new()
    {
        Id = r.Id, Channel = r.Channel, PeriodStart = StartOf(r.PeriodStart), PeriodEnd = StartOf(r.PeriodEnd.AddDays(1)), GrossAmount = r.GrossAmount,
        Fees = r.Fees, RefundsAmount = r.RefundsAmount, NetAmount = r.NetAmount, ExpectedNetAmount = r.ExpectedNetAmount,
        ReceivedAt = r.ReceivedAt, Status = r.Status,
    };

    public static JournalEntry ToEntity(JournalEntryRecord r) => new()
    {
        Id = r.Id, OccurredAt = r.OccurredAt, Description = r.Description, SourceType = r.SourceType, SourceId = r.SourceId,
        Lines = r.Lines.Select(l => new LedgerLine { Id = l.Id, JournalEntryId = l.JournalEntryId, AccountCode = l.AccountCode, Debit = l.Debit, Credit = l.Credit }).ToList(),
    };

    public static SupportTicket ToEntity(SupportTicketRecord r) => new()
    {
        Id = r.Id, CustomerId = r.CustomerId, OrderId = r.OrderId, Channel = r.Channel, Subject = r.Subject, Body = r.Body, Status = r.Status,
        Priority = r.Priority, CreatedAt = r.CreatedAt, FirstResponseAt = r.FirstResponseAt, ResolvedAt = r.ResolvedAt,
    };

    public static AdCampaign ToEntity(AdCampaignRecord r) => new()
    {
        Id = r.Id, Platform = r.Platform, Name = r.Name, Objective = r.Objective, Status = r.Status, StartedAt = r.StartedAt,
    };

    public static AdSet ToEntity(AdSetRecord r) => new()
    {
        Id = r.Id, CampaignId = r.CampaignId, ProductId = r.ProductId, Name = r.Name, DailyBudget = r.DailyBudget, Status = r.Status, CreatedAt = r.CreatedAt,
    };

    public static AdSetBudgetChange ToEntity(AdSetBudgetChangeRecord r) => new()
    {
        Id = r.Id, AdSetId = r.AdSetId, FromBudget = r.FromBudget, ToBudget = r.ToBudget, ChangedAt = r.ChangedAt, ChangedBy = r.ChangedBy,
    };

    public static AdSetDailyMetric ToEntity(AdSetDailyMetricRecord r) => new()
    {
        AdSetId = r.AdSetId, Date = r.Date, Spend = r.Spend, Impressions = r.Impressions, Clicks = r.Clicks, Orders = r.Orders, Revenue = r.Revenue,
    };

    public static PurchaseOrder ToEntity(PurchaseOrderRecord r) => new()
    {
        Id = r.Id, SupplierId = r.SupplierId, Status = r.Status, OrderedAt = r.OrderedAt, ExpectedAt = r.ExpectedAt, ReceivedAt = r.ReceivedAt, Total = r.Total,
        Lines = r.Lines.Select(l => new PurchaseOrderLine
        {
            Id = l.Id, PurchaseOrderId = l.PurchaseOrderId, ProductId = l.ProductId, Quantity = l.Quantity, UnitCost = l.UnitCost,
        }).ToList(),
    };

    public static Creator ToEntity(CreatorRecord r) => new()
    {
        Id = r.Id, Handle = r.Handle, Platform = r.Platform, Tier = r.Tier, CommissionPct = r.CommissionPct, Status = r.Status, OnboardedAt = r.OnboardedAt,
    };

    public static CreatorCommission ToEntity(CreatorCommissionRecord r) => new()
    {
        Id = r.Id, CreatorId = r.CreatorId, OrderId = r.OrderId, Amount = r.Amount, EarnedAt = r.EarnedAt, CreatorPayoutId = r.CreatorPayoutId,
    };

    public static CreatorPayout ToEntity(CreatorPayoutRecord r) => new()
    {
        Id = r.Id, CreatorId = r.CreatorId, Amount = r.Amount, Status = r.Status, PeriodEnd = StartOf(r.PeriodEnd.AddDays(1)), PaidAt = r.PaidAt,
    };

    public static LiveShow ToEntity(LiveShowRecord r) => new()
    {
        Id = r.Id, CreatorId = r.CreatorId, Channel = r.Channel, Title = r.Title, ScheduledAt = r.ScheduledAt, StartedAt = r.StartedAt,
        EndedAt = r.EndedAt, PeakViewers = r.PeakViewers, TotalViewers = r.TotalViewers, OrdersCount = r.OrdersCount, Revenue = r.Revenue, Status = r.Status,
    };

    public static LiveShowProduct ToEntity(LiveShowProductRecord r) => new()
    {
        LiveShowId = r.LiveShowId, ProductId = r.ProductId, PinnedAt = r.PinnedAt, ShowPrice = r.ShowPrice,
    };
}
