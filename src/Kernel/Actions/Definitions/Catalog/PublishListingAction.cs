using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Rules;

namespace LiveShop.Kernel.Actions.Definitions.Catalog;

/// <summary>Lists a product on a sales channel: a title or description making a banned claim, however disguised, is denied.</summary>
public sealed class PublishListingAction : ActionDefinition
{
    /// <summary>The contract name.</summary>
    public const string ActionName = "publish_listing";

    /// <summary>The one definition.</summary>
    public static PublishListingAction Definition { get; } = new();

    private static readonly string[] TextFields = ["title", "description"];

    private PublishListingAction() : base(ActionName, "Commerce",
        "Publishes a product listing on a sales channel. Titles or descriptions with banned health or result claims are refused.") { }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("product_id", ParameterKind.Id, Description: "The product id, e.g. p_3."),
        new("channel", ParameterKind.Text, Description: "The sales channel, e.g. shopify, tiktok_shop, amazon."),
        new("title", ParameterKind.Text, Description: "The listing title."),
        new("description", ParameterKind.Text, Description: "The listing description."),
    ];
    /// <inheritdoc />
    public override RiskLevel RiskFloor => RiskLevel.L1;
    /// <inheritdoc />
    public override IReadOnlyList<string> Writes { get; } = ["ListingPublished"];
    /// <inheritdoc />
    public override string IrreversibleBecause => "the policy declares no unpublish action; take the listing down on the channel";
    /// <inheritdoc />
    public override IReadOnlyList<IntegrationFamily> ClaimableBy { get; } = [IntegrationFamily.Commerce];
    /// <inheritdoc />
    public override PlannerHints Hints { get; } = new(
        ["publish the product listing on a channel", "put p_5 live on the storefront with this title and description", "list the product for sale"],
        ["publish", "listing", "go live", "put live", "list p_", "list it"]);

    internal override bool HasRules => true;

    internal override void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        List<string>? found = null;
        foreach (var field in TextFields)
        {
            if (!ActionParameters.TryGetText(context.Parameters, field, out var text)) continue;
            foreach (var match in context.ClaimDetector.FindAll(text))
                (found ??= []).Add($"{field} makes the banned claim '{match.Claim}' as \"{match.MatchedText}\"");
        }
        if (found is null)
        {
            verdict.Pass("banned_claims", 0m, 0m, $"{context.Policy.Listings.BannedClaims.Count} banned claims checked in title and description");
            return;
        }
        for (var i = 0; i < found.Count; i++)
        {
            // One check carries every match; only the first adds the FAIL entry.
            if (i == 0) verdict.Deny("banned_claims", "listing " + found[0], found.Count, 0m, [.. found]);
            else verdict.AddReason("listing " + found[i]);
        }
    }
}
