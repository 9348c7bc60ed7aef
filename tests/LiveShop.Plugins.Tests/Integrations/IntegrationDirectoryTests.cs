using LiveShop.Plugins.Integrations;
using Microsoft.Extensions.Configuration;

namespace LiveShop.Plugins.Tests.Integrations;

public sealed class IntegrationDirectoryTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    // As the host checks the catalogue at start: one failure with every problem.
    private static IntegrationConfigurationException Refused(IConfiguration configuration)
    {
        var result = new IntegrationCatalogueValidation().Validate(null, new IntegrationCatalogueOptions { Configuration = configuration });
        Assert.True(result.Failed);
        Assert.Equal(new IntegrationConfigurationException(IntegrationDirectory.FindProblems(configuration)).Message, Assert.Single(result.Failures!));
        return new IntegrationConfigurationException(IntegrationDirectory.FindProblems(configuration));
    }

    [Fact]
    public void Nothing_configured_keeps_every_integration_in_the_sandbox()
    {
        var directory = new IntegrationDirectory(Config());

        Assert.Equal(IntegrationCatalog.All.Count, directory.All.Count);
        Assert.All(directory.All, s => Assert.Equal(ConnectorMode.Sandbox, s.Mode));
        Assert.False(directory.IsLive("stripe"));
    }

    [Fact]
    public void Every_required_setting_makes_an_integration_live()
    {
        var directory = new IntegrationDirectory(Config(("Integrations:Stripe:SecretKey", "sk_test_1"), ("Integrations:Stripe:ApiBase", "http://127.0.0.1:1")));

        Assert.True(directory.IsLive("stripe"));
        Assert.Equal(["stripe"], directory.Live.Select(s => s.Id));
        Assert.Equal("sk_test_1", directory.SettingsOf("stripe")["SecretKey"]);
    }

    [Fact]
    public void Empty_values_count_as_not_set()
    {
        var directory = new IntegrationDirectory(Config(("Integrations:Stripe:SecretKey", "  ")));

        Assert.Equal(ConnectorMode.Sandbox, directory.Find("stripe")!.Mode);
    }

    [Fact]
    public void Half_configured_integration_is_refused_naming_what_is_set_and_what_is_missing_but_never_values()
    {
        var error = Refused(Config(("Integrations:Shopify:ShopDomain", "secret-shop.myshopify.com")));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Integrations:Shopify: ShopDomain is set but AccessToken is missing", problem);
        Assert.DoesNotContain("secret-shop", error.Message);
    }

    [Fact]
    public void An_optional_setting_without_the_secret_key_is_half_configured()
    {
        var error = Refused(Config(("Integrations:Stripe:ApiBase", "http://127.0.0.1:9")));

        Assert.Contains("Integrations:Stripe: ApiBase is set but SecretKey is missing", error.Message);
    }

    [Fact]
    public void Credentials_for_an_integration_without_a_real_client_are_refused()
    {
        var error = Refused(Config(("Integrations:Amazon:SellerId", "A1"), ("Integrations:Amazon:RefreshToken", "Atzr|secret")));

        Assert.Equal("amazon has no real client yet; remove Integrations:Amazon settings or leave it in sandbox", Assert.Single(error.Problems));
        Assert.DoesNotContain("Atzr", error.Message);
    }

    [Fact]
    public void A_mistyped_section_or_setting_is_refused()
    {
        var error = Refused(Config(("Integrations:Stirpe:SecretKey", "sk_test_1"), ("Integrations:Stripe:SecretKye", "sk_test_2")));

        Assert.Contains(error.Problems, p => p.StartsWith("Integrations:Stirpe is not an integration (known sections:", StringComparison.Ordinal) && p.Contains("Stripe"));
        Assert.Contains(error.Problems, p => p.StartsWith("Integrations:Stripe: unknown setting SecretKye", StringComparison.Ordinal));
        Assert.DoesNotContain("sk_test", error.Message);
    }

    [Fact]
    public void Every_problem_is_listed_in_one_exception()
    {
        var error = Refused(Config(
            ("Integrations:Stripe:ApiBase", "http://127.0.0.1:9"),
            ("Integrations:Etsy:ApiKey", "k"),
            ("Integrations:Email:SmtpHost", "smtp.example.com"),
            ("Integrations:Nope:X", "y")));

        Assert.Equal(4, error.Problems.Count);
        Assert.Contains("Integrations:Email: SmtpHost is set but ImapHost, UserName, Password, FromAddress are missing", error.Message);
        Assert.Contains("etsy has no real client yet", error.Message);
        Assert.StartsWith("Integration configuration is invalid:", error.Message);
    }

    [Fact]
    public void Catalog_sections_and_ids_are_unique_and_every_real_client_is_one_of_stripe_shopify_email_and_product_pages()
    {
        Assert.Equal(IntegrationCatalog.All.Count, IntegrationCatalog.All.Select(d => d.Id).Distinct().Count());
        Assert.Equal(IntegrationCatalog.All.Count, IntegrationCatalog.All.Select(d => d.ConfigurationSection.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(["shopify", "stripe", "email", "product_pages"], IntegrationCatalog.All.Where(d => d.HasRealClient).Select(d => d.Id));
    }

    [Fact]
    public void Product_page_research_is_live_only_with_a_user_agent_that_names_the_business()
    {
        Assert.False(new IntegrationDirectory(Config()).IsLive("product_pages"));
        Assert.True(new IntegrationDirectory(Config(("Integrations:ProductPages:UserAgent", "AcmeResearch/1.0"))).IsLive("product_pages"));
        Refused(Config(("Integrations:ProductPages:Timeout", "00:00:05")));
    }
}
