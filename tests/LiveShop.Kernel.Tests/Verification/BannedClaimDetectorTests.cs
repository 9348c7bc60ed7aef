using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification.Claims;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class BannedClaimDetectorTests
{
    private readonly BannedClaimDetector _detector = new(PolicyLoader.LoadDefault().Listings.BannedClaims);

    [Theory]
    [InlineData("This cream cures eczema", "cures", "cures")]
    [InlineData("This is A CURE for dry skin", "cure", "CURE")]
    [InlineData("a cure", "cure", "cure")]
    [InlineData("It c.u.r.e.s everything", "cures", "c.u.r.e.s")]
    [InlineData("a real m i r a c l e", "miracle", "m i r a c l e")]
    [InlineData("c-u-r-e for all", "cure", "c-u-r-e")]
    [InlineData("M1r4cl3 serum", "miracle", "M1r4cl3")]
    [InlineData("Results are guaranteed. Guaranteed   results!", "guaranteed results", "Guaranteed   results")]
    [InlineData("Totally risk-free trial", "risk free", "risk-free")]
    [InlineData("RISK FREE", "risk free", "RISK FREE")]
    [InlineData("It is 100% effective", "100% effective", "100% effective")]
    [InlineData("F.D.A. approved formula", "fda approved", "F.D.A. approved")]
    [InlineData("clinically-proven", "clinically proven", "clinically-proven")]
    [InlineData("Protects against C0V1D", "covid", "C0V1D")]
    [InlineData("Protects against COVID-19", "covid", "COVID")]
    [InlineData("This tr3at$ acne", "treats", "tr3at$")]
    [InlineData("anti-aging miracle cream", "anti-aging miracle", "anti-aging miracle")]
    [InlineData("weight loss guaranteed", "weight loss guaranteed", "weight loss guaranteed")]
    [InlineData("it prevents disease", "prevents disease", "prevents disease")]
    public void Finds_banned_claims_through_case_spacing_punctuation_and_leetspeak(string text, string claim, string matched)
    {
        var match = _detector.FindFirst(text);
        Assert.NotNull(match);
        Assert.Equal(claim, match.Claim);
        Assert.Equal(matched, match.MatchedText);
    }

    [Theory]
    [InlineData("\u0441ur\u0435")] // Cyrillic с and е
    [InlineData("\u0441\u0443r\u0435")] // Cyrillic у is a y, not a u: must not match
    [InlineData("mir\u0430\u0441l\u0435")] // Cyrillic а, с, е
    [InlineData("c\u03bfvid")] // Greek omicron
    [InlineData("cov\u0456d")] // Cyrillic і
    [InlineData("cu\u200Bre")] // zero-width space
    [InlineData("mir\u00ADacle")] // soft hyphen
    [InlineData("cu\u200Dr\uFEFFe\u2060s")] // joiners, BOM, word joiner
    [InlineData("\uFF43\uFF55\uFF52\uFF45")] // fullwidth letters (NFKC)
    [InlineData("cur\u00E9")] // accent dropped
    public void Finds_banned_claims_written_with_look_alike_or_invisible_characters(string text)
    {
        var match = _detector.FindFirst(text);
        if (text == "\u0441\u0443r\u0435")
            Assert.Null(match);
        else
            Assert.NotNull(match);
    }

    [Theory]
    [InlineData("Ships securely in recycled packaging")]
    [InlineData("Ethically procured ingredients")]
    [InlineData("Treat yourself this weekend")]
    [InlineData("A secure checkout and accurate sizing")]
    [InlineData("Pure, simple, curated")]
    [InlineData("Covidence-style research notes")]
    [InlineData("I a m happy with it")]
    [InlineData("Our obscure curio shop")]
    [InlineData("The treat is a miracles-free zone")]
    [InlineData("100 effective ways to relax")]
    [InlineData("")]
    public void Ordinary_words_are_not_banned_claims(string text) => Assert.Null(_detector.FindFirst(text));

    [Fact]
    public void Finds_every_claim_with_its_position()
    {
        var matches = _detector.FindAll("Miracle cream: cures acne, risk free.");
        Assert.Equal(["miracle", "cures", "risk free"], matches.Select(m => m.Claim));
        Assert.Equal(15, matches[1].Index);
    }
}
