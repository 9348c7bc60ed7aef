using LiveShop.Plugins.Research.Robots;

namespace LiveShop.Plugins.Tests.Research;

public sealed class RobotsRulesTests
{
    // The example file of RFC 9309 §5.1.
    private const string RfcExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """;

    [Theory]
    [InlineData("foobot", "/example/page.html", true)]
    [InlineData("foobot", "/example/allowed.gif", true)]
    [InlineData("foobot", "/example/other.html", false)]
    [InlineData("foobot", "/", false)]
    [InlineData("FooBot", "/publications/", false)]
    [InlineData("barbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/other.html", true)]
    [InlineData("quxbot", "/example/page.html", true)]
    [InlineData("quxbot", "/anything.gif", true)]
    [InlineData("otherbot", "/picture.gif", false)]
    [InlineData("otherbot", "/example/x", false)]
    [InlineData("otherbot", "/publications/2026", true)]
    [InlineData("otherbot", "/shop", true)]
    public void The_group_of_the_product_token_applies_else_the_star_group(string token, string path, bool allowed) =>
        Assert.Equal(allowed, RobotsRules.Parse(RfcExample, token).IsAllowed(path));

    [Fact]
    public void The_longest_matching_rule_wins_and_an_allow_wins_a_tie()
    {
        var rules = RobotsRules.Parse("""
            user-agent: *
            allow: /example/page/
            disallow: /example/page/disallowed.gif
            disallow: /tie
            allow: /tie
            """, "liveshopresearch");

        Assert.True(rules.IsAllowed("/example/page/index.html"));
        Assert.False(rules.IsAllowed("/example/page/disallowed.gif"));
        Assert.True(rules.IsAllowed("/tie/x"));
    }

    [Theory]
    [InlineData("/fish", "/fish", true)]
    [InlineData("/fish", "/fish.html", true)]
    [InlineData("/fish", "/fishheads/yummy.html", true)]
    [InlineData("/fish", "/Fish.asp", false)]
    [InlineData("/fish", "/catfish", false)]
    [InlineData("/fish*", "/fish/salmon.html", true)]
    [InlineData("/fish/", "/fish/?id=anything", true)]
    [InlineData("/fish/", "/fish", false)]
    [InlineData("/*.php", "/folder/filename.php?parameters", true)]
    [InlineData("/*.php", "/folder/any.php.file.html", true)]
    [InlineData("/*.php", "/windows.PHP", false)]
    [InlineData("/*.php$", "/folder/filename.php", true)]
    [InlineData("/*.php$", "/filename.php?parameters", false)]
    [InlineData("/*.php$", "/filename.php5", false)]
    [InlineData("/fish*.php", "/fishheads/catfish.php?parameters", true)]
    [InlineData("/fish*.php", "/Fish.PHP", false)]
    [InlineData("/$", "/", true)]
    [InlineData("/$", "/index.html", false)]
    [InlineData("/*", "/anything", true)]
    public void Wildcards_and_end_anchors_match_as_RFC_9309_describes(string pattern, string path, bool matches) =>
        Assert.Equal(matches, RobotsRules.Matches(pattern, path));

    [Fact]
    public void Groups_naming_the_same_agent_are_combined_and_comments_and_unknown_lines_ignored()
    {
        var rules = RobotsRules.Parse("""
            # shop robots
            User-agent: LiveShopResearch
            Disallow: /cart   # no carts
            Sitemap: https://shop.example/sitemap.xml

            User-agent: *
            Disallow: /

            User-agent: liveshopresearch
            Disallow: /checkout
            Crawl-delay: 2.5
            """, "LiveShopResearch");

        Assert.False(rules.IsAllowed("/cart/1"));
        Assert.False(rules.IsAllowed("/checkout"));
        Assert.True(rules.IsAllowed("/products/ice-roller"));
        Assert.Equal(TimeSpan.FromSeconds(2.5), rules.CrawlDelay);
    }

    [Fact]
    public void Percent_encoding_is_compared_in_one_form_and_robots_txt_is_always_allowed()
    {
        var rules = RobotsRules.Parse("""
            User-agent: *
            Disallow: /%7ejoe/
            Disallow: /caf%c3%a9
            Disallow: /
            Allow: /ok
            """, "liveshopresearch");

        Assert.Equal(new RobotsRule(false, "/~joe/"), rules.Decide("/%7Ejoe/index.html"));
        Assert.False(rules.IsAllowed("/café"));
        Assert.True(rules.IsAllowed("/robots.txt"));
        Assert.True(rules.IsAllowed("/ok"));
        Assert.False(rules.IsAllowed("/other"));
    }

    [Fact]
    public void An_empty_disallow_allows_everything_and_a_file_without_groups_too()
    {
        Assert.True(RobotsRules.Parse("User-agent: *\nDisallow:\n", "bot").IsAllowed("/a"));
        Assert.True(RobotsRules.Parse("Disallow: /\n", "bot").IsAllowed("/a"));
        Assert.False(RobotsRules.DisallowAll.IsAllowed("/a"));
    }
}
