namespace LiveShop.Plugins.Support.Helpdesks;

/// <summary>
/// Which helpdesk holds a ticket, from its support_tickets.channel: a helpdesk's own id (tickets it created), Shopify
/// store tickets in Gorgias (Shopify's helpdesk), email in the mailbox, every marketplace and social channel in Zendesk.
/// </summary>
public static class SupportRouting
{
    /// <summary>Integration id of Gorgias.</summary>
    public const string Gorgias = "gorgias";

    /// <summary>Integration id of Zendesk.</summary>
    public const string Zendesk = "zendesk";

    /// <summary>Integration id of the email mailbox.</summary>
    public const string Email = "email";

    private static readonly string[] GorgiasChannels = [Gorgias, "shopify"];

    /// <summary>The helpdesk of a ticket on <paramref name="channel"/>.</summary>
    public static string ProviderFor(string channel) =>
        GorgiasChannels.Contains(channel) ? Gorgias : channel == Email ? Email : Zendesk;

    /// <summary>Whether <paramref name="source"/> names a helpdesk rather than a ticket channel.</summary>
    public static bool IsHelpdesk(string source) => source is Gorgias or Zendesk or Email;
}
