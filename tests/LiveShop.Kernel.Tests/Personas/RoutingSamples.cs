namespace LiveShop.Kernel.Tests.Personas;

/// <summary>Labelled chat messages (none copied from a persona's own examples) and the persona that should answer each.</summary>
internal static class RoutingSamples
{
    public static IReadOnlyList<(string Message, string Expected)> All { get; } =
    [
        ("What are the three things the company must get right before Christmas?", "ceo"),
        ("Prepare a board update on overall business health", "ceo"),
        ("We keep dropping the ball on handoffs between the warehouse and support, fix the process", "coo"),
        ("Which operational bottleneck slows us down the most?", "coo"),
        ("How many days of cash do we have left at the current burn rate?", "cfo"),
        ("Send the payout to creator cr_2 for 180 dollars", "cfo"),
        ("Give me the profit and loss for October", "cfo"),
        ("Should we discontinue the bamboo toothbrush range?", "cpo"),
        ("Is anything going viral in the fitness space right now?", "trend_scout"),
        ("Put together a bundle offer with the mug and the coaster set", "offer_architect"),
        ("Lower the price of p_7 to 29.90", "offer_architect"),
        ("I need fresh hooks and a concept for the Mother's Day ads", "creative_director"),
        ("Find influencers to film unboxing clips of the new lamp", "ugc_producer"),
        ("Bump the daily budget of as_3 to 450", "ads_optimizer"),
        ("Which ad sets have the worst ROAS this week?", "ads_optimizer"),
        ("Our landing page converts at 1.2%, how do we improve the conversion rate?", "cro"),
        ("Look for a winning product idea in the camping niche", "product_research"),
        ("Get quotes from two manufacturers for the silicone lids with MOQ under 500", "supplier_sourcing"),
        ("We are running low on p_9, restock 300 units", "supplier_sourcing"),
        ("Inspect the new batch of samples for defects", "sampling_qa"),
        ("Write and publish the listing for p_11 on Amazon", "listing_publisher"),
        ("Find duplicate SKUs and variants that are out of sync in the catalog", "catalog_integrity"),
        ("Ship order o_77 now", "order_ops"),
        ("Which orders are still unfulfilled since Monday?", "order_ops"),
        ("The carrier is missing our delivery SLA in Queensland", "threepl_coordinator"),
        ("How much inventory is left in the warehouse?", "threepl_coordinator"),
        ("Give the customer on o_15 their money back, $25", "returns_refunds"),
        ("What is driving the increase in returns?", "returns_refunds"),
        ("Answer the angry customer in ticket t_9", "customer_support_lead"),
        ("How long is our first response time on support tickets?", "customer_support_lead"),
        ("This order looks like a stolen card, is it fraud?", "quality_risk"),
        ("We got three chargebacks on the same product, what is going on?", "quality_risk"),
        ("Draft a decision record on splitting the system into services", "architecture"),
        ("The webhook handler throws an exception on every PaymentCaptured event", "backend_builder"),
        ("Make the storefront responsive on mobile and fix the button layout", "frontend_builder"),
        ("Automate a workflow that emails the supplier when stock drops", "automation_builder"),
        ("Remove the old intern's account access and rotate the API key", "security_compliance"),
        ("Do we handle personal data in line with GDPR?", "security_compliance"),
    ];
}
