using LiveShop.Kernel.Actions.Definitions.Ads;
using LiveShop.Kernel.Actions.Definitions.Catalog;
using LiveShop.Kernel.Actions.Definitions.Fulfilment;
using LiveShop.Kernel.Actions.Definitions.WorkProducts;
namespace LiveShop.Kernel.Personas.Goals;

/// <summary>One kind of task the planner assigns: owner, label, tools and what "done" means ({horizon}, {target}, {limit} are filled in).</summary>
public sealed record TaskRule(string Persona, string Title, IReadOnlyList<string> Tools, string DoneDefinition);

/// <summary>The rule table: which personas work on a goal's objective metric, and who guards each constraint.</summary>
public static class TaskAssignmentRules
{
    private static readonly TaskRule Tracking = new("ceo", "Goal progress review", [AnalyzeDataAction.ActionName, GenerateReportAction.ActionName],
        "A progress report on {metric} against the target ({target}) at least weekly until the end of the {horizon}-day horizon, naming any task that is off track.");

    private static readonly TaskRule MarginReview = new("cfo", "Margin review", ["get_cash_runway", AnalyzeDataAction.ActionName, GenerateReportAction.ActionName],
        "A report of contribution margin by product and ad set over the trailing {horizon} days, with the three largest margin leaks and a recommendation for each.");
    private static readonly TaskRule CutLosers = new("ads_optimizer", "Cut ad sets below the ROAS floor", ["get_ad_set_performance", PauseAdSetAction.ActionName, ScaleAdSetAction.ActionName],
        "Every active ad set below the ROAS floor is paused or cut, and the change in daily spend is reported.");
    private static readonly TaskRule ScaleWinners = new("ads_optimizer", "Scale winning ad sets within policy", ["get_ad_set_performance", ScaleAdSetAction.ActionName],
        "Ad sets above target ROAS and margin floor are scaled in policy-sized steps, each change verified, with the expected effect on {metric} reported.");
    private static readonly TaskRule OfferTest = new("offer_architect", "Bundle and pricing test", [AnalyzeDataAction.ActionName, CreateRecommendationAction.ActionName, ChangePriceAction.ActionName],
        "At least one bundle or price test is designed, launched through the proof filter and read out, with its effect on margin and order value.");
    private static readonly TaskRule ConversionTest = new("cro", "Conversion test", [AnalyzeDataAction.ActionName, CreateRecommendationAction.ActionName, DraftCopyAction.ActionName],
        "The largest funnel drop-off is identified and an A/B test against it is specified with metric, sample size and stopping rule.");
    private static readonly TaskRule CreativeRefresh = new("creative_director", "Creative refresh", [DraftCopyAction.ActionName, CreateRecommendationAction.ActionName],
        "New creative concepts and hooks for the weakest ad sets are briefed and handed to the Ads Optimizer.");
    private static readonly TaskRule TrendScan = new("trend_scout", "Trend scan", [AnalyzeDataAction.ActionName, CreateRecommendationAction.ActionName],
        "Three trends relevant to the catalog are reported with source, date and a durability rating.");
    private static readonly TaskRule CostReview = new("supplier_sourcing", "Unit cost review", ["get_stock", AnalyzeDataAction.ActionName, CreateRecommendationAction.ActionName],
        "Unit cost, MOQ and lead-time options for the top products are compared and a renegotiation or second-source recommendation made.");
    private static readonly TaskRule RefundDrivers = new("returns_refunds", "Refund-driver analysis", ["get_order", AnalyzeDataAction.ActionName, GenerateReportAction.ActionName],
        "The top refund reasons over the trailing {horizon} days are ranked with their share of refunds, and the refund rate is kept {limit}.");
    private static readonly TaskRule BatchQuality = new("sampling_qa", "Batch quality review", ["get_stock", AnalyzeDataAction.ActionName, CreateRecommendationAction.ActionName],
        "Products with above-average refunds or complaints are matched to batches and an inspection plan is written.");
    private static readonly TaskRule SlaReview = new("threepl_coordinator", "SLA review", ["get_order", AnalyzeDataAction.ActionName, CreateRecommendationAction.ActionName],
        "Ship-out and delivery times by carrier and region are measured over the trailing {horizon} days, and the SLA is kept {limit}.");
    private static readonly TaskRule Backlog = new("order_ops", "Clear the unfulfilled backlog", ["get_order", FulfillOrderAction.ActionName],
        "No valid order is older than the SLA without being fulfilled or held for review.");
    private static readonly TaskRule RunwayGuard = new("cfo", "Runway guard", ["get_cash_runway", AnalyzeDataAction.ActionName, GenerateReportAction.ActionName],
        "Cash runway is checked before every spending decision and reported, and is kept {limit}.");
    private static readonly TaskRule ReorderPlan = new("supplier_sourcing", "Reorder plan within runway", ["get_stock", "get_cash_runway", CreateRecommendationAction.ActionName],
        "A reorder plan for low-stock products is written that keeps cash runway above the policy floor.");
    private static readonly TaskRule SupportQueue = new("customer_support_lead", "Support queue review", ["list_open_tickets", AnalyzeDataAction.ActionName, GenerateReportAction.ActionName],
        "Open tickets are triaged, first response time is measured and kept {limit}, and the top complaint themes are reported.");
    private static readonly TaskRule FraudReview = new("quality_risk", "Chargeback and fraud review", ["get_order", AnalyzeDataAction.ActionName, CreateRecommendationAction.ActionName],
        "Chargebacks over the trailing {horizon} days are analysed by cause and a control is recommended, keeping the chargeback rate {limit}.");
    private static readonly TaskRule ConstraintWatch = new("ceo", "Constraint watch", [AnalyzeDataAction.ActionName, GenerateReportAction.ActionName],
        "{metric} is measured at least weekly and kept {limit}; any breach is escalated at once.");

    /// <summary>Tasks that move each objective metric.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<TaskRule>> ByObjective { get; } = new Dictionary<string, IReadOnlyList<TaskRule>>(StringComparer.Ordinal)
    {
        ["net_profit"] = [MarginReview, CutLosers, OfferTest],
        ["revenue"] = [ScaleWinners, ConversionTest, OfferTest, TrendScan],
        ["orders"] = [ScaleWinners, ConversionTest],
        ["contribution_margin"] = [MarginReview, OfferTest, CostReview],
        ["roas"] = [CutLosers, CreativeRefresh],
        ["ad_spend"] = [CutLosers],
        ["conversion_rate"] = [ConversionTest, CreativeRefresh],
        ["aov"] = [OfferTest, ConversionTest],
        ["refund_rate"] = [RefundDrivers, BatchQuality],
        ["return_rate"] = [RefundDrivers, BatchQuality],
        ["sla_days"] = [SlaReview, Backlog],
        ["cash_runway"] = [RunwayGuard, ReorderPlan],
        ["support_response_time"] = [SupportQueue],
        ["chargeback_rate"] = [FraudReview],
        ["stock_outs"] = [ReorderPlan, SlaReview],
    };

    /// <summary>The persona that guards each constraint metric; anything else is watched by the CEO.</summary>
    public static IReadOnlyDictionary<string, TaskRule> ByConstraint { get; } = new Dictionary<string, TaskRule>(StringComparer.Ordinal)
    {
        ["refund_rate"] = RefundDrivers,
        ["return_rate"] = RefundDrivers,
        ["sla_days"] = SlaReview,
        ["cash_runway"] = RunwayGuard,
        ["support_response_time"] = SupportQueue,
        ["chargeback_rate"] = FraudReview,
    };

    /// <summary>The task every goal gets: the CEO tracks progress against the target.</summary>
    public static TaskRule ProgressTracking => Tracking;

    /// <summary>The guard for a constraint metric without a specialist.</summary>
    public static TaskRule GenericConstraintWatch => ConstraintWatch;

    /// <summary>Every rule in the table, for validation against the persona catalog.</summary>
    public static IEnumerable<TaskRule> All =>
        ByObjective.Values.SelectMany(r => r).Concat(ByConstraint.Values).Append(Tracking).Append(ConstraintWatch).Distinct();
}
