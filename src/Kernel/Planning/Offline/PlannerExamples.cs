namespace LiveShop.Kernel.Planning.Offline;

/// <summary>How people ask for one function: example requests (embedded next to the description) and cue words.</summary>
public sealed record FunctionExamples
{
    /// <summary>Example requests, written for the planner — not copied from any evaluation set.</summary>
    public required IReadOnlyList<string> Examples { get; init; }

    /// <summary>Lower-case word stems or phrases whose presence is strong evidence for the function.</summary>
    public required IReadOnlyList<string> Cues { get; init; }
}

/// <summary>
/// The planner's own example table, keyed by function name (the contract action names of CONTRACTS.md §1 and the
/// read-only look-ups). Functions without an entry are chosen by their description alone.
/// </summary>
public static class PlannerExamples
{
    /// <summary>Examples and cues per function name.</summary>
    public static IReadOnlyDictionary<string, FunctionExamples> ByFunction { get; } = new Dictionary<string, FunctionExamples>(StringComparer.Ordinal)
    {
        ["refund_order"] = new()
        {
            Examples = ["give the customer their money back for an order", "refund part of an order", "issue a refund of 25 dollars on o_7"],
            Cues = ["refund", "money back", "reimburse", "credit back"],
        },
        ["scale_ad_set"] = new()
        {
            Examples = ["raise the daily budget of an ad set", "scale up the ad set to a new budget", "lower ad spend per day on as_9 to 200"],
            Cues = ["budget", "scale", "spend per day", "daily spend"],
        },
        ["pause_ad_set"] = new()
        {
            Examples = ["pause the ad set", "stop running ads on as_4", "turn off that ad set"],
            Cues = ["pause", "turn off", "switch off", "stop", "kill the ad", "halt"],
        },
        ["change_price"] = new()
        {
            Examples = ["change the price of a product", "make p_8 cost 30 dollars", "reprice the product"],
            Cues = ["price", "reprice", "cost customers", "sell it for", "sell for", "charge"],
        },
        ["publish_listing"] = new()
        {
            Examples = ["publish the product listing on a channel", "put p_5 live on the storefront with this title and description", "list the product for sale"],
            Cues = ["publish", "listing", "go live", "put live", "list p_", "list it"],
        },
        ["reorder_stock"] = new()
        {
            Examples = ["order more stock of a product from the supplier", "restock p_9 with 50 units", "buy more inventory"],
            Cues = ["reorder", "restock", "order more", "more stock", "replenish", "units of", "buy more"],
        },
        ["fulfill_order"] = new()
        {
            Examples = ["ship the order to the customer", "send order o_4 to the warehouse", "dispatch the order"],
            Cues = ["ship", "fulfil", "fulfill", "dispatch", "send out", "warehouse"],
        },
        ["pay_supplier"] = new()
        {
            Examples = ["pay the supplier's invoice", "send a payment to supplier s_3", "settle what we owe the manufacturer"],
            Cues = ["supplier", "invoice", "manufacturer", "vendor", "factory"],
        },
        ["pay_creator"] = new()
        {
            Examples = ["pay the creator their commission", "send the influencer payout", "pay cr_4 for the videos"],
            Cues = ["creator", "influencer", "commission", "payout", "ugc"],
        },
        ["respond_ticket"] = new()
        {
            Examples = ["reply to the customer's support ticket", "answer ticket t_8 and tell them it shipped", "respond to the complaint"],
            Cues = ["reply", "respond", "answer", "tell the customer", "write back"],
        },
        ["draft_copy"] = new()
        {
            Examples = ["draft marketing copy for review", "write an ad headline", "draft an email to customers"],
            Cues = ["draft", "copy", "headline", "caption", "tagline", "blurb", "slogan", "subject line", "compose", "write a ", "write an "],
        },
        ["generate_report"] = new()
        {
            Examples = ["produce a report on weekly sales", "make me a summary report of refunds", "file a report about ad spend"],
            Cues = ["report", "summary of"],
        },
        ["analyze_data"] = new()
        {
            Examples = ["analyse the data and file the findings", "look into why sales dropped", "investigate the trend in returns"],
            Cues = ["analy", "investigate", "look into", "dig into", "findings"],
        },
        ["create_recommendation"] = new()
        {
            Examples = ["recommend that we change something and explain why", "file a recommendation for the founder", "suggest an improvement"],
            Cues = ["recommend", "suggest", "proposal", "propose"],
        },
        ["get_order"] = new()
        {
            Examples = ["look up an order", "what is the status of order o_3", "show me the details of an order"],
            Cues = ["look up", "status of", "details of", "where is", "show order", "order details"],
        },
        ["list_top_products"] = new()
        {
            Examples = ["which products sell best", "best-selling products this month", "top sellers by revenue"],
            Cues = ["top product", "best sell", "best-sell", "top sell", "bestsell", "selling best", "sells best"],
        },
        ["get_ad_set_performance"] = new()
        {
            Examples = ["how are the ad sets performing", "what is the return on ad spend", "show ad spend and revenue per ad set"],
            Cues = ["roas", "performing", "return on ad spend", "how are the ads", "how are our ads"],
        },
        ["get_stock"] = new()
        {
            Examples = ["how much stock do we have", "which products need reordering", "inventory level of p_2"],
            Cues = ["stock level", "in stock", "inventory", "on hand", "running low", "need reorder", "needs reorder", "stock of", "how many left"],
        },
        ["get_cash_runway"] = new()
        {
            Examples = ["how long will our cash last", "what is the cash runway", "how much money is in the bank"],
            Cues = ["runway", "burn", "cash", "in the bank", "money left"],
        },
        ["list_open_tickets"] = new()
        {
            Examples = ["show open support tickets", "what is in the support queue", "which customers are waiting for an answer"],
            Cues = ["open ticket", "support queue", "tickets open", "unanswered", "tickets are", "open support"],
        },
        ["get_channel_summary"] = new()
        {
            Examples = ["compare sales by channel", "which sales channel brings the most orders", "orders and revenue per sales channel"],
            Cues = ["by channel", "per channel", "each channel", "sales channel", "channel summary", "which channel", "across channels"],
        },
        ["get_ad_platform_summary"] = new()
        {
            Examples = ["compare the ad platforms", "which ad platform has the best return", "ad spend per advertising platform"],
            Cues = ["ad platform", "per platform", "by platform", "each platform", "which platform", "meta ads", "google ads", "tiktok ads"],
        },
        ["get_fulfilment_status"] = new()
        {
            Examples = ["how is the 3pl keeping up", "how big is the shipping backlog", "is the warehouse meeting its shipping sla"],
            Cues = ["3pl", "backlog", "sla", "waiting to ship", "waiting to be shipped", "unshipped", "shipbob", "fulfilment status", "fulfillment status"],
        },
        ["get_profit_and_loss"] = new()
        {
            Examples = ["what is our profit this month", "show the profit and loss statement", "net profit over the last 30 days"],
            Cues = ["profit and loss", "p&l", "p and l", "net profit", "gross profit", "profit", "income statement", "gross margin"],
        },
        ["get_balance_sheet"] = new()
        {
            Examples = ["show the balance sheet", "what are our assets and liabilities", "do the books balance"],
            Cues = ["balance sheet", "assets", "liabilities", "equity", "books balance", "ledger balance"],
        },
        ["get_unreconciled_settlements"] = new()
        {
            Examples = ["did the weekly channel payouts match", "which weekly payouts came in short", "sales still waiting to be settled"],
            Cues = ["settlement", "reconcil", "mismatch", "still owe us"],
        },
        ["get_trend_report"] = new()
        {
            Examples = ["what is trending in our sales", "which products are growing fastest this week", "show the trend report"],
            Cues = ["trend", "growing fastest", "fastest growing", "fastest-growing", "taking off", "momentum"],
        },
        ["fetch_product_page"] = new()
        {
            Examples = ["fetch the product page at https://shop.example/item", "what does this competitor page say https://rival.example/p/3", "check the price on this link"],
            Cues = ["http://", "https://", "www.", "product page", "competitor page", "competitor's page", "this link", "url"],
        },
        ["search_knowledge"] = new()
        {
            Examples = ["what does our returns policy say", "search the knowledge base", "what is the procedure for damaged items"],
            Cues = ["policy", "policies", "sop", "knowledge base", "procedure", "playbook", "platform rule"],
        },
        ["recall_learnings"] = new()
        {
            Examples = ["what did we learn last time", "what happened when we tried this before", "recall past lessons"],
            Cues = ["learned", "learnt", "lesson", "last time", "what happened when", "recall"],
        },
        ["change_policy"] = new()
        {
            Examples =
            [
                "change the business policy so refunds up to 150 need no approval", "raise the auto refund limit in the policy",
                "update the policy threshold for the daily ad cap", "add a banned claim to the listing policy",
            ],
            Cues = ["policy", "policies", "threshold", "auto refund limit", "banned claim"],
        },
        ["modify_account_access"] = new()
        {
            Examples =
            [
                "give sam@shop.example the approver role", "disable the account of a person who left", "revoke someone's access",
                "make pat@shop.example a founder", "re-enable access for a user",
            ],
            Cues = ["access", "role", "revoke", "disable the account", "re-enable", "permission"],
        },
        ["remember"] = new()
        {
            Examples = ["remember this conclusion for later", "make a note of this lesson", "note that the discount did not work"],
            Cues = ["remember", "make a note", "note that", "keep in mind"],
        },
    };
}
