using System.Collections.Frozen;

namespace LiveShop.Memory.Events;

/// <summary>The JSON type a field of an event's <c>data</c> must have.</summary>
public enum EventFieldType
{
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>Any JSON number.</summary>
    Number,
    /// <summary>A JSON number without a fractional part.</summary>
    Integer,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A JSON string holding an ISO-8601 time with an offset (e.g. 2026-11-25T10:00:00Z).</summary>
    Timestamp,
    /// <summary>A JSON array.</summary>
    Array,
    /// <summary>A JSON object.</summary>
    Object,
}

/// <summary>One field of an event type's <c>data</c>: its snake_case name, JSON type, whether it must be present, and whether it may be negative.</summary>
public sealed record EventField(string Name, EventFieldType Type, bool Required, bool NonNegative)
{
    /// <summary>The field as the catalogue writes it: <c>name?:type&gt;=0</c> (<c>?</c> optional, <c>&gt;=0</c> non-negative).</summary>
    public override string ToString() =>
        $"{Name}{(Required ? "" : "?")}:{Type.ToString().ToLowerInvariant()}{(NonNegative ? ">=0" : "")}";
}

/// <summary>A known event type: its name, the family it belongs to, and the shape of its <c>data</c>.</summary>
public sealed record EventTypeDefinition(string Type, string Category, IReadOnlyList<EventField> Fields)
{
    /// <summary>
    /// True for the platform's own events (decisions, receipts, approvals, policy and access changes, tasks, goals):
    /// only the platform writes them; <c>POST /api/events</c> ingests the other, business events.
    /// </summary>
    public bool IsPlatform => Category == EventCatalogue.PlatformCategory;

    /// <summary>The fields that must be present.</summary>
    public IEnumerable<EventField> RequiredFields => Fields.Where(f => f.Required);
}

/// <summary>
/// Every event type the store accepts with the shape of its <c>data</c>, kept as one table: the business events of
/// CONTRACTS.md §3 (plus Support and Supply), which integrations and <c>POST /api/events</c> may ingest, and the
/// <see cref="PlatformCategory"/> family, which only the platform writes.
/// Each spec lists fields as <c>name[?][:type][&gt;=0]</c>: <c>?</c> marks an optional field, the type defaults to
/// string, <c>&gt;=0</c> forbids negative numbers. Fields not listed are allowed and stored as sent.
/// </summary>
public static class EventCatalogue
{
    /// <summary>The family of the platform's own events (see <see cref="EventTypeDefinition.IsPlatform"/>).</summary>
    public const string PlatformCategory = "Platform";

    private static readonly (string Category, string Type, string Spec)[] Table =
    [
        ("Commerce", "OrderPlaced", "order_id customer_id channel total:number>=0 currency lines?:array live_show_id? ip? device_id? billing_country? shipping_country? first_order?:boolean"),
        ("Commerce", "PaymentFailed", "payment_id order_id amount:number>=0 currency? reason? provider?"),
        ("Commerce", "PaymentCaptured", "payment_id order_id amount:number>=0 currency? provider?"),
        ("Commerce", "RefundRequested", "refund_id order_id customer_id amount:number>=0 reason?"),
        ("Commerce", "RefundApproved", "refund_id order_id amount:number>=0 approved_by?"),
        ("Commerce", "RefundProcessed", "refund_id order_id amount:number>=0 customer_id? currency?"),
        ("Commerce", "StockLow", "product_id stock:integer>=0 threshold?:integer>=0 sku?"),
        ("Commerce", "StockOut", "product_id sku?"),
        ("Commerce", "StockReplenished", "product_id quantity:integer>=0 stock?:integer>=0 unit_cost?:number>=0 purchase_order_id?"),

        ("Live Shopping", "LiveShowScheduled", "live_show_id title scheduled_start:timestamp host_creator_id? channel?"),
        ("Live Shopping", "LiveShowStarted", "live_show_id channel? host_creator_id?"),
        ("Live Shopping", "LiveShowEnded", "live_show_id peak_viewers?:integer>=0 gross_sales?:number>=0 orders?:integer>=0 duration_seconds?:integer>=0"),
        ("Live Shopping", "ProductPinned", "live_show_id product_id price?:number>=0"),
        ("Live Shopping", "PriceDropped", "product_id live_show_id? from_price:number>=0 to_price:number>=0"),
        ("Live Shopping", "ViewerJoined", "live_show_id viewer_id customer_id?"),

        ("Creator", "CreatorOnboarded", "creator_id handle tier? commission_pct?:number>=0"),
        ("Creator", "PayoutEligible", "creator_id amount:number>=0 currency? payout_id? period_end?:timestamp"),
        ("Creator", "PayoutProcessed", "payout_id creator_id amount:number>=0 currency?"),
        ("Creator", "CommissionEarned", "creator_id order_id amount:number>=0 commission_pct?:number>=0 live_show_id?"),
        ("Creator", "TierUpgraded", "creator_id from_tier to_tier"),

        ("Operations", "DisputeOpened", "dispute_id order_id reason amount?:number>=0"),
        ("Operations", "EvidenceSubmitted", "dispute_id evidence_id? submitted_by? documents?:array"),
        ("Operations", "DisputeResolved", "dispute_id outcome amount?:number>=0"),
        ("Operations", "ListingPublished", "listing_id product_id channel title?"),
        ("Operations", "ListingBanned", "listing_id channel reason product_id?"),
        ("Operations", "ListingUpdated", "listing_id product_id? channel? changes?:object"),

        ("Financial", "SettlementReceived", "settlement_id amount:number currency provider? fees?:number>=0 period_start?:timestamp period_end?:timestamp"),
        ("Financial", "ReconciliationMismatch", "reconciliation_id expected:number actual:number account_code? settlement_id? reference?"),
        ("Financial", "ChargebackOpened", "chargeback_id order_id amount:number>=0 currency? reason?"),
        ("Financial", "LedgerEntryCreated", "journal_entry_id account_code? lines?:array amount?:number description?"),
        ("Financial", "PayoutApproved", "payout_id amount:number>=0 approved_by creator_id? supplier_id?"),

        ("Marketing", "CreativeApproved", "creative_id ad_set_id? approved_by?"),
        ("Marketing", "AdSetPaused", "ad_set_id reason?"),
        ("Marketing", "AdSetScaled", "ad_set_id from_budget:number>=0 to_budget:number>=0"),
        ("Marketing", "CampaignLaunched", "campaign_id name? channel? daily_budget?:number>=0"),
        ("Marketing", "BudgetExhausted", "ad_set_id campaign_id? daily_budget?:number>=0 spent?:number>=0"),

        ("Support", "TicketOpened", "ticket_id customer_id channel priority order_id? external_id? subject?"),
        ("Supply", "SupplierCostChanged", "supplier_id product_id from_cost:number>=0 to_cost:number>=0 change_pct:number sku?"),

        ("Platform", "FunctionRefused", "function reason detail plugin? persona? requested_by? tool_call_id?"),
        ("Platform", "ApprovalRequested", "approval_id action_id action risk_level required_approver requested_by expires_at:timestamp arguments_hash"),
        ("Platform", "ApprovalDecided", "approval_id action_id action decision decided_by reason?"),
        ("Platform", "ActionExecuted", "action_id action idempotency_key connector_reference? approval_id? policy_version?"),
        ("Platform", "ActionFailed", "action_id action idempotency_key error approval_id?"),
        ("Platform", "ActionDenied", "action_id action reason stage? policy_version?"),
        ("Platform", "IntegrationConnected", "integration_id action_id changed_by"),
        ("Platform", "IntegrationDisconnected", "integration_id action_id changed_by"),
        ("Platform", "TaskStatusChanged", "task_id goal_id? owner_agent from to reason"),
        ("Platform", "GoalStatusChanged", "goal_id from to"),
        ("Platform", "ActionApplied", "action_id result:object connector_reference?"),
        ("Platform", "PolicyChanged", "version previous_version action_id adopted_by changes:array reason?"),
        ("Platform", "AccountAccessChanged", "user action_id changed_by from_role to_role from_disabled:boolean to_disabled:boolean reason?"),
        ("Platform", "AlertRaised", "alert_id kind metric grain entity_id observed?:number expected_low?:number expected_high?:number window_from:timestamp window_to:timestamp message raised_by"),
        ("Platform", "AlertAcknowledged", "alert_id by"),
        ("Platform", "AlertResolved", "alert_id by"),
        ("Platform", "AutonomyChanged", "on:boolean previous:boolean changed_by version:integer>=0"),
        ("Platform", "TicketTriaged", "ticket_id urgency sentiment category outcome escalated_to? action_id? reason?"),
        ("Platform", "ProductFaultDetected", "product_id reason count:integer>=0 window_days:integer>=0 notify refund_id? proposed_pauses?:array note?"),
        ("Platform", "MarginBelowFloor", "product_id margin_pct:number floor_pct:number unit_cost:number>=0 price:number>=0 proposed_price?:number>=0 supplier_id?"),
    ];

    /// <summary>Every known event type in catalogue order (grouped by family).</summary>
    public static IReadOnlyList<EventTypeDefinition> All { get; } =
        Table.Select(row => new EventTypeDefinition(row.Type, row.Category, ParseSpec(row.Type, row.Spec))).ToArray();

    private static readonly FrozenDictionary<string, EventTypeDefinition> ByType =
        All.ToFrozenDictionary(t => t.Type, StringComparer.Ordinal);

    /// <summary>Finds a known event type by its exact (case-sensitive) name.</summary>
    public static bool TryGet(string type, out EventTypeDefinition definition) =>
        ByType.TryGetValue(type, out definition!);

    /// <summary>One line per type, <c>Type: field field? …</c>, for docs and the CLI.</summary>
    public static IEnumerable<string> RenderLines() =>
        All.Select(t => $"{t.Type} ({t.Category}): {string.Join(' ', t.Fields)}");

    private static EventField[] ParseSpec(string type, string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(token => ParseField(type, token)).ToArray();

    private static EventField ParseField(string type, string token)
    {
        var nonNegative = token.EndsWith(">=0", StringComparison.Ordinal);
        if (nonNegative) token = token[..^3];
        var colon = token.IndexOf(':');
        var name = colon < 0 ? token : token[..colon];
        var fieldType = colon < 0
            ? EventFieldType.String
            : Enum.Parse<EventFieldType>(token[(colon + 1)..], ignoreCase: true);
        var required = !name.EndsWith('?');
        if (!required) name = name[..^1];
        if (nonNegative && fieldType is not (EventFieldType.Number or EventFieldType.Integer))
            throw new InvalidOperationException($"{type}.{name}: only numbers can be marked >=0");
        return new EventField(name, fieldType, required, nonNegative);
    }
}
