using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Personas.Routing;
using Xunit.Abstractions;

namespace LiveShop.Kernel.Tests.Personas;

public sealed class PersonaRouterTests(ITestOutputHelper output)
{
    private static readonly PersonaCatalog Catalog = PersonaCatalogLoader.LoadDefault();
    private static readonly PersonaRouter Router = new(Catalog);

    [Fact]
    public void At_mention_picks_the_named_persona_and_is_stripped_from_the_message()
    {
        var route = Router.Route("@CFO what is our runway?");
        Assert.Equal("cfo", route.Persona.Name);
        Assert.Equal(RouteKind.Explicit, route.Kind);
        Assert.Equal("what is our runway?", route.Message);
        Assert.Equal(1.0, route.Confidence);
    }

    [Fact]
    public void At_mention_wins_over_intent_words_in_the_message()
    {
        var route = Router.Route("@ads_optimizer, refund order o_12 please");
        Assert.Equal("ads_optimizer", route.Persona.Name);
        Assert.Equal("refund order o_12 please", route.Message);
    }

    [Fact]
    public void Requested_persona_parameter_wins_over_everything()
    {
        var route = Router.Route("@cfo pause as_7", requestedPersona: "ads_optimizer");
        Assert.Equal("ads_optimizer", route.Persona.Name);
        Assert.Equal("pause as_7", route.Message);
    }

    [Fact]
    public void Unknown_at_mention_is_an_error_listing_the_valid_names()
    {
        var error = Assert.Throws<UnknownPersonaException>(() => Router.Route("@janitor clean the warehouse"));
        Assert.Equal("janitor", error.RequestedName);
        Assert.Contains("cfo", error.Message);
        Assert.Contains("security_compliance", error.Message);
        Assert.Equal(25, error.ValidNames.Count);
    }

    [Fact]
    public void A_message_matching_nothing_falls_back_to_the_ceo_flagged_as_fallback()
    {
        var route = Router.Route("hello there");
        Assert.Equal("ceo", route.Persona.Name);
        Assert.True(route.IsFallback);
        Assert.True(route.Confidence < PersonaRouter.DefaultFallbackThreshold);
    }

    [Fact]
    public void Intent_route_reports_confidence_and_a_runner_up()
    {
        var route = Router.Route("Pause ad set as_7, its ROAS is terrible");
        Assert.Equal("ads_optimizer", route.Persona.Name);
        Assert.Equal(RouteKind.Intent, route.Kind);
        Assert.NotNull(route.RunnerUp);
        Assert.NotEqual("ads_optimizer", route.RunnerUp!.Name);
        Assert.True(route.Confidence > route.RunnerUpConfidence);
    }

    [Fact]
    public void Routing_is_deterministic()
    {
        var first = Router.Route("What is driving the increase in returns?");
        var second = new PersonaRouter(Catalog).Route("What is driving the increase in returns?");
        Assert.Equal(first, second);
    }

    [Fact]
    public void Labelled_messages_route_to_the_right_persona_at_least_90_percent_of_the_time()
    {
        var misses = new List<string>();
        foreach (var (message, expected) in RoutingSamples.All)
        {
            var route = Router.Route(message);
            if (route.Persona.Name != expected)
                misses.Add($"'{message}': expected {expected}, got {route.Persona.Name} ({route.Confidence:0.00}; runner-up {route.RunnerUp?.Name} {route.RunnerUpConfidence:0.00})");
        }
        var accuracy = 1.0 - (double)misses.Count / RoutingSamples.All.Count;
        output.WriteLine($"router accuracy: {accuracy:P1} ({RoutingSamples.All.Count - misses.Count}/{RoutingSamples.All.Count})");
        misses.ForEach(output.WriteLine);

        Assert.True(RoutingSamples.All.Count >= 25);
        Assert.Equal(25, RoutingSamples.All.Select(s => s.Expected).Distinct().Count());
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy:P1}:\n{string.Join("\n", misses)}");
    }
}
