namespace LiveShop.Kernel.Verification.Rules;

/// <summary><c>publish_listing</c>: a title or description making a banned claim, however disguised, is denied.</summary>
internal static class ListingRules
{
    private static readonly string[] TextFields = ["title", "description"];

    public static void Evaluate(in RuleContext context, VerdictBuilder verdict)
    {
        verdict.AtLeast(RiskLevel.L1);
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
