namespace LiveShop.Kernel.Actions.Definitions;

/// <summary>The tool families of the business; each has a plugin folder with its contract and sandbox.</summary>
public enum IntegrationFamily
{
    /// <summary>Sales channels: Shopify, TikTok Shop, YouTube Shopping, Amazon, eBay, Etsy.</summary>
    Commerce,
    /// <summary>Money in and out: Stripe, PayPal, Wise.</summary>
    Payments,
    /// <summary>Warehouses and carriers: ShipBob, an Australian 3PL, shipping labels.</summary>
    Fulfillment,
    /// <summary>The books: Xero, QuickBooks Online.</summary>
    Accounting,
    /// <summary>Paid media: TikTok Ads, Meta Ads, Google Ads.</summary>
    Advertising,
    /// <summary>Customer conversations: Gorgias, Zendesk, email.</summary>
    Support,
    /// <summary>Market signals and product pages.</summary>
    Research,
}
