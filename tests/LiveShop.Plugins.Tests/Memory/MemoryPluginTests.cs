using System.Text.Json;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Ingestion;
using LiveShop.Memory.Learnings;
using LiveShop.Plugins.Functions;
using LiveShop.Plugins.Memory;
using LiveShop.Plugins.Tests.Functions;
using LiveShop.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Tests.Memory;

/// <summary>A database with one ingested refund policy and memories in several scopes.</summary>
public sealed class MemoryBusiness : TestDatabase, IAsyncLifetime
{
    public const string RefundPolicy = """
        ---
        type: policy
        ---
        # Refund policy

        ## Damaged items

        Customers who receive a damaged item get a full refund or a replacement when they send a photo within 14 days of delivery.

        ## Change of mind

        Unopened items can be returned within 30 days; the customer pays return shipping.
        """;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var ingest = await new KnowledgeIngestor(DataSource, LocalMiniLmEmbedder.Shared, TimeProvider.System).IngestTextAsync("docs/refund-policy.md", RefundPolicy);
        Assert.Equal(IngestStatus.Added, ingest.Status);
        var store = Store();
        await store.RememberAsync(Memory("persona", "cfo", "Report ad spend weekly, never daily, to the founder"));
        await store.RememberAsync(Memory("persona", "ads_optimizer", "Report ad spend with ROAS next to it"));
        await store.RememberAsync(Memory("product", "p_1", "Ad spend on p_1 pays back only during live shows"));
        await store.RememberAsync(Memory("product", "p_2", "Ad spend on p_2 never paid back; keep it paused"));
        await store.RememberAsync(Memory("business", null, "The founder caps total ad spend at 5000 a day"));
    }

    public MemoryStore Store() => new(DataSource, LocalMiniLmEmbedder.Shared, TimeProvider.System);

    private static NewMemory Memory(string scope, string? key, string content) =>
        new() { Scope = scope, ScopeKey = key, Kind = "lesson", Content = content, Source = "test" };
}

public sealed class MemoryPluginTests(MemoryBusiness business) : IClassFixture<MemoryBusiness>
{
    private Microsoft.SemanticKernel.Kernel KernelFor(string persona)
    {
        var personas = new PersonaFunctionPolicy(new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["cfo"] = [MemoryPlugin.Name], ["ads_optimizer"] = [MemoryPlugin.Name],
        });
        var plugin = MemoryPlugins.Over(business);
        var factory = new KernelFactory([new PluginRegistration(MemoryPlugin.Name, plugin)], personas, new RecordingPipeline(), new RecordingAudit(), NullLoggerFactory.Instance);
        return factory.CreateForPersona(persona, "user:founder");
    }

    private static async Task<JsonElement> CallAsync(Microsoft.SemanticKernel.Kernel kernel, string function, KernelArguments arguments)
    {
        var result = await kernel.InvokeAsync(MemoryPlugin.Name, function, arguments);
        return JsonDocument.Parse(result.GetValue<string>()!).RootElement.Clone();
    }

    [Fact]
    public async Task Search_knowledge_returns_the_ingested_passage_with_its_citation()
    {
        var answer = await CallAsync(KernelFor("cfo"), "search_knowledge", new() { ["query"] = "customer got a broken item, can they get their money back?" });

        var top = answer.GetProperty("results")[0];
        Assert.Equal("Refund policy", top.GetProperty("title").GetString());
        Assert.Contains("Damaged items", top.GetProperty("heading_path").GetString());
        Assert.Equal("docs/refund-policy.md", top.GetProperty("source").GetString());
        Assert.StartsWith("Refund policy — ", top.GetProperty("citation").GetString());
        Assert.Contains("docs/refund-policy.md", top.GetProperty("citation").GetString());
        Assert.Contains("photo within 14 days", top.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Search_knowledge_filters_by_document_type()
    {
        var none = await CallAsync(KernelFor("cfo"), "search_knowledge", new() { ["query"] = "refund", ["doc_type"] = "playbook" });
        Assert.Equal(0, none.GetProperty("results").GetArrayLength());
        var policies = await CallAsync(KernelFor("cfo"), "search_knowledge", new() { ["query"] = "refund", ["doc_type"] = "policy", ["k"] = "2" });
        Assert.Equal(2, policies.GetProperty("results").GetArrayLength());
    }

    private static List<(string Scope, string? Key)> Scopes(JsonElement answer) =>
        answer.GetProperty("memories").EnumerateArray()
            .Select(m => (m.GetProperty("scope").GetString()!, m.GetProperty("scope_key").GetString())).ToList();

    [Fact]
    public async Task Recall_shows_the_callers_own_and_business_memories_but_never_another_personas()
    {
        var cfo = Scopes(await CallAsync(KernelFor("cfo"), "recall_learnings", new() { ["query"] = "how should I report ad spend?" }));
        Assert.Contains(("persona", "cfo"), cfo);
        Assert.Contains(("business", null), cfo);
        Assert.DoesNotContain(("persona", "ads_optimizer"), cfo);
        Assert.DoesNotContain(cfo, s => s.Scope == "product");

        // Naming another persona's key does not open its notes.
        var sneaky = Scopes(await CallAsync(KernelFor("ads_optimizer"), "recall_learnings",
            new() { ["query"] = "how should I report ad spend?", ["scope"] = "persona", ["scope_key"] = "cfo" }));
        Assert.Equal([("persona", "ads_optimizer")], sneaky);
    }

    [Fact]
    public async Task Recall_shows_a_products_memories_only_for_that_product()
    {
        var p1 = Scopes(await CallAsync(KernelFor("cfo"), "recall_learnings", new() { ["query"] = "does ad spend pay back?", ["scope"] = "product", ["scope_key"] = "p_1" }));
        Assert.Equal([("product", "p_1")], p1);

        var named = Scopes(await CallAsync(KernelFor("cfo"), "recall_learnings", new() { ["query"] = "does ad spend on p_2 pay back?" }));
        Assert.Contains(("product", "p_2"), named);
        Assert.DoesNotContain(("product", "p_1"), named);

        var keyless = await CallAsync(KernelFor("cfo"), "recall_learnings", new() { ["query"] = "ad spend", ["scope"] = "supplier" });
        Assert.Contains("scope_key", keyless.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_remember_action_writes_a_persona_memory_under_the_proposing_persona()
    {
        var executor = new RememberExecutor(business.Store());
        var packet = ActionPacket.Create("remember", new { content = "Suppliers quoting in USD need a currency buffer of 5 %", scope = "persona", scope_key = "ads_optimizer", evidence = "po_4 cost 6 % more" }) with { Agent = "cfo" };

        var result = await executor.ExecuteAsync(packet, CancellationToken.None);

        var id = Guid.Parse(result.ConnectorReference["memory:".Length..]);
        var stored = await business.Store().GetAsync(id);
        Assert.Equal(("persona", "cfo", "agent:cfo"), (stored!.Scope, stored.ScopeKey, stored.Source));
        Assert.Contains(stored.Evidence.EnumerateArray(), e => e.GetProperty("note").GetString() == "po_4 cost 6 % more");
        Assert.Contains(stored.Evidence.EnumerateArray(), e => e.GetProperty("reference").GetString() == $"action:{packet.ActionId}");
    }
}
