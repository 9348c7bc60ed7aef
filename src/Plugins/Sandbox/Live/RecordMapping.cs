using LiveShop.Memory.Data.Entities.Advertising;
using LiveShop.Memory.Data.Entities.Catalog;
using LiveShop.Memory.Data.Entities.Channels;
using LiveShop.Memory.Data.Entities.Creators;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.LiveShows;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Data.Entities.Payments;
using LiveShop.Memory.Data.Entities.Supply;
using LiveShop.Memory.Data.Entities.Support;
using LiveShop.Plugins.Sandbox.Simulation;

namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>Turns rows of the business database back into the simulator's records (the inverse of the seeder's mapping).</summary>
internal static class RecordMapping
{
    public static SupplierRecord ToRecord(Supplier e) => new(e.Id, e.Name, e.Country, e.LeadTimeDays, e.OnTimeRate, e.Status);

    public static ProductRecord ToRecord(Product e) => new(e.Id, e.Sku, e.Title, e.Category, e.Price, e.UnitCost, e.ShippingCost,
        e.PlatformFeePct, e.Stock, e.ReorderPoint, e.SupplierId ?? "", e.Status, e.CreatedAt);

    public static ListingRecord ToRecord(Listing e) => new(e.Id, e.ProductId, e.Channel, e.ExternalId ?? "", e.Title, e.Description, e.Price, e.Status, e.PublishedAt ?? DateTimeOffset.UnixEpoch);

    public static CustomerRecord ToRecord(Customer e) => new(e.Id, e.Email, e.Name, e.Country, e.CreatedAt);

    public static OrderRecord ToRecord(Order e) => new(e.Id, e.CustomerId, e.Channel, e.PlacedAt, e.Status, e.Subtotal, e.ShippingFee, e.Total,
        e.Currency, e.Ip, e.DeviceId, e.BillingCountry, e.ShippingCountry, e.FirstOrder, e.LiveShowId, e.CreatorId, e.FulfilledAt, e.DeliveredAt,
        e.Lines.OrderBy(l => l.Id).Select(l => new OrderLineRecord(l.Id, l.OrderId, l.ProductId, l.Quantity, l.UnitPrice, l.LineTotal)).ToList());

    public static PaymentRecord ToRecord(Payment e) => new(e.Id, e.OrderId, e.Provider, e.Amount, e.Fee, e.Status, e.CapturedAt);

    public static RefundRecord ToRecord(Refund e) => new(e.Id, e.OrderId, e.CustomerId, e.Amount, e.Reason, e.Status, e.RequestedAt, e.ProcessedAt);

    public static DisputeRecord ToRecord(Dispute e) => new(e.Id, e.OrderId, e.PaymentId, e.Amount, e.Reason, e.Status, e.OpenedAt, e.ResolvedAt);

    public static SupportTicketRecord ToRecord(SupportTicket e) => new(e.Id, e.CustomerId, e.OrderId, e.Channel, e.Subject, e.Body, e.Status,
        e.Priority, e.CreatedAt, e.FirstResponseAt, e.ResolvedAt);

    public static AdCampaignRecord ToRecord(AdCampaign e) => new(e.Id, e.Platform, e.Name, e.Objective, e.Status, e.StartedAt);

    public static AdSetRecord ToRecord(AdSet e) => new(e.Id, e.CampaignId, e.ProductId, e.Name, e.DailyBudget, e.Status, e.CreatedAt);

    public static AdSetDailyMetricRecord ToRecord(AdSetDailyMetric e) => new(e.AdSetId, e.Date, e.Spend, checked((int)e.Impressions), checked((int)e.Clicks), e.Orders, e.Revenue);

    public static PurchaseOrderRecord ToRecord(PurchaseOrder e) => new(e.Id, e.SupplierId, e.Status, e.OrderedAt, e.ExpectedAt, e.ReceivedAt, e.Total,
        e.Lines.OrderBy(l => l.Id).Select(l => new PurchaseOrderLineRecord(l.Id, l.PurchaseOrderId, l.ProductId, l.Quantity, l.UnitCost)).ToList());

    public static CreatorRecord ToRecord(Creator e) => new(e.Id, e.Handle, e.Platform, e.Tier, e.CommissionPct, e.Status, e.OnboardedAt);

    public static CreatorCommissionRecord ToRecord(CreatorCommission e) => new(e.Id, e.CreatorId, e.OrderId, e.Amount, e.EarnedAt, e.CreatorPayoutId);

    // The table stores the exclusive end instant of the period; the record keeps its last day.
    public static CreatorPayoutRecord ToRecord(CreatorPayout e) => new(e.Id, e.CreatorId, e.Amount, e.Status,
        DateOnly.FromDateTime(e.PeriodEnd.UtcDateTime).AddDays(-1), e.PaidAt);

    public static LiveShowRecord ToRecord(LiveShow e) => new(e.Id, e.CreatorId, e.Channel, e.Title, e.ScheduledAt, e.StartedAt, e.EndedAt,
        e.PeakViewers, e.TotalViewers, e.OrdersCount, e.Revenue, e.Status);

    public static LiveShowProductRecord ToRecord(LiveShowProduct e) => new(e.LiveShowId, e.ProductId, e.PinnedAt, e.ShowPrice);

    /// <summary>Sorts business ids like <c>p_2</c> before <c>p_10</c>: by prefix, then by number, then as text.</summary>
    public static IOrderedEnumerable<T> InIdOrder<T>(this IEnumerable<T> items, Func<T, string> id) =>
        items.OrderBy(x => Prefix(id(x)), StringComparer.Ordinal).ThenBy(x => Number(id(x))).ThenBy(id, StringComparer.Ordinal);

    private static string Prefix(string id) => id.LastIndexOf('_') is var i and >= 0 ? id[..i] : id;

    private static long Number(string id) =>
        id.LastIndexOf('_') is var i and >= 0 && long.TryParse(id.AsSpan(i + 1), out var n) ? n : long.MaxValue;
}
