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

public sealed class BannedClaimDetectorStructureTests
{
    private static readonly IReadOnlyList<string> Claims = PolicyLoader.LoadDefault().Listings.BannedClaims;
    private readonly BannedClaimDetector _detector = new(Claims);

    [Theory]
    [InlineData("\U0001D41C\U0001D42E\U0001D42B\U0001D41E", "cure")] // mathematical bold letters: surrogate pairs, NFKD to ASCII
    [InlineData("risk\u2002free", "risk free")] // en space separates like a space
    [InlineData("\u2488 miracle", "miracle")] // "1." from one character, then the claim
    [InlineData("cu\u0301re\u0308s", "cures")] // combining marks dropped
    public void Finds_claims_through_multi_character_and_surrogate_spellings(string text, string claim) =>
        Assert.Equal(claim, _detector.FindFirst(text)?.Claim);

    [Fact]
    public void A_lone_surrogate_separates_letters_like_punctuation_instead_of_failing()
    {
        Assert.Equal("cure", _detector.FindFirst("a \uD800cure")?.Claim);
        Assert.Equal("mira\uDC00cle", _detector.FindFirst("mira\uDC00cle")?.MatchedText);
        Assert.Null(_detector.FindFirst("se\uD800curely"));
    }

    [Fact]
    public void Long_texts_grow_the_buffers_and_keep_every_position()
    {
        var filler = string.Concat(Enumerable.Repeat("a\u33C2b ", 3000)); // "㏂" is two words ("a.m.") from one character
        var matches = _detector.FindAll(filler + "c.u.r.e " + filler + "RISK-FREE");
        Assert.Equal(["cure", "risk free"], matches.Select(m => m.Claim));
        Assert.Equal(filler.Length, matches[0].Index);
        Assert.Equal("c.u.r.e", matches[0].MatchedText);
        Assert.Equal("RISK-FREE", matches[1].MatchedText);
    }

    [Fact]
    public void Claims_sharing_a_first_letter_prefer_the_longest_then_policy_order()
    {
        var detector = new BannedClaimDetector(["miracle", "mir acle", "anti aging", "anti-aging miracle", "cure"]);
        Assert.Equal("miracle", detector.FindFirst("a m.i.r.a.c.l.e")?.Claim);
        Assert.Equal("anti-aging miracle", detector.FindFirst("anti aging miracle")?.Claim);
        Assert.Equal("anti aging", detector.FindFirst("anti aging cream")?.Claim);
    }

    [Fact]
    public void Agrees_with_the_plain_reference_on_random_disguised_texts()
    {
        var reference = new ReferenceClaimDetector(Claims);
        string[] pieces =
        [
            "cure", "c.u.r.e", "cu", "re", "s", "mir", "acle", "m1r4cl3", "risk", "free", "-", " ", ".", "  ", "100", "%", "effective",
            "securely", "procured", "treat", "tr3at$", "covid", "C0V1D", "\u0441", "\u0443", "\u0435", "\u200B", "\u00AD", "\uFF43",
            "fda", "F.D.A.", "approved", "weight", "loss", "guaranteed", "results", "anti-aging", "\u2014", "é", "\U0001D41C", "'", "’",
        ];
        var random = new Random(20261125);
        for (var n = 0; n < 3000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = reference.FindAll(text);
            var actual = _detector.FindAll(text);
            Assert.True(expected.SequenceEqual(actual), $"text \"{text}\": expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public void A_text_without_claims_allocates_nothing_once_warm()
    {
        const string text = "A lightweight serum for a brighter look — ships in 24 h, free returns within 30 days, securely packed.";
        _detector.FindAll(text);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) _detector.FindAll(text);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
