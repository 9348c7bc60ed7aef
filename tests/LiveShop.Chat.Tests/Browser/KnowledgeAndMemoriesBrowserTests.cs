using Microsoft.EntityFrameworkCore;
using System.Text;
using System.Text.RegularExpressions;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Learnings;
using Microsoft.Playwright;

namespace LiveShop.Chat.Tests.Browser;

public sealed class KnowledgeAndMemoriesBrowserTests(LiveShopServer server, Support.Browser browser)
    : IClassFixture<LiveShopServer>, IClassFixture<Support.Browser>
{
    private const string Playbook = """
        # Gift wrapping playbook

        ## Wrapping orders for the holidays

        Every order placed between 1 and 24 December is wrapped in recycled kraft paper with a handwritten note from the founder.
        """;

    [Fact]
    public async Task The_founder_uploads_a_markdown_file_searches_it_with_a_citation_and_deletes_it()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/knowledge");

        await Support.Browser.ChooseFileAsync(page.Locator("[data-testid=kb-upload]"), new FilePayload
        {
            Name = "gift-wrapping.md", MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes(Playbook),
        }, page.Locator("[data-testid=kb-message]"));
        await Assertions.Expect(page.Locator("[data-testid=kb-message]")).ToContainTextAsync("gift-wrapping.md: added", new() { Timeout = 60_000 });
        var row = page.Locator("[data-testid=kb-document]").Filter(new() { HasText = "Gift wrapping playbook" });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await page.Locator("[data-testid=kb-search-input]").FillAsync("how are holiday orders wrapped?");
        await page.Locator("[data-testid=kb-search-button]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=kb-results] .citation").First)
            .ToContainTextAsync(new Regex(@"^Gift wrapping playbook — .*Wrapping orders for the holidays \(.*gift-wrapping\.md, part 1\)$"));
        await Support.Browser.SaveScreenshotAsync(page, "knowledge");

        await row.Locator("[data-testid=kb-delete]").ClickAsync();
        await row.Locator("[data-testid=kb-confirm-delete]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=kb-message]")).ToContainTextAsync("deleted “Gift wrapping playbook”");
        await Assertions.Expect(page.Locator("[data-testid=kb-document]").Filter(new() { HasText = "Gift wrapping playbook" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_shows_a_visible_error_and_queues_nothing()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/knowledge");

        var message = page.Locator("[data-testid=kb-message]");
        await Support.Browser.ChooseFileAsync(page.Locator("[data-testid=kb-upload]"), new FilePayload
        {
            Name = "huge-handbook.md", MimeType = "text/markdown",
            Buffer = Encoding.UTF8.GetBytes("# Huge\n\n" + new string('x', (int)LiveShop.Chat.Hosting.KnowledgeUploadOptions.DefaultMaxBytes + 1)),
        }, message);
        await Assertions.Expect(message).ToContainTextAsync("over the knowledge upload limit");
        await Assertions.Expect(message).ToHaveAttributeAsync("role", "alert");
        await using var command = server.Database.DataSource.CreateCommand("SELECT count(*) FROM knowledge_ingestions WHERE file_name = 'huge-handbook.md'");
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_non_document_upload_shows_a_visible_error()
    {
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/knowledge");

        var message = page.Locator("[data-testid=kb-message]");
        await Support.Browser.ChooseFileAsync(page.Locator("[data-testid=kb-upload]"), new FilePayload
        {
            Name = "photo.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47],
        }, message);
        await Assertions.Expect(message).ToContainTextAsync("only Markdown, text and PDF files");
        await Assertions.Expect(message).ToHaveAttributeAsync("role", "alert");
    }

    [Fact]
    public async Task The_founder_edits_and_deletes_a_memory()
    {
        var store = new MemoryStore(server.Database.DataSource, LocalMiniLmEmbedder.Shared, TimeProvider.System);
        await store.RememberAsync(new NewMemory { Scope = "product", ScopeKey = "p_9", Kind = "price_effect", Content = "Candle p_9 sells twice as fast at 19.90", Source = "test" });
        await store.RememberAsync(new NewMemory { Scope = "business", Kind = "founder_override", Content = "The founder never discounts during launch week", Source = "test" });
        var page = await browser.OpenInteractiveAsync(server.BaseAddress, "/memories");

        var row = page.Locator("[data-testid=mem-row]").Filter(new() { HasText = "Candle p_9" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("product · p_9");
        await row.Locator("[data-testid=mem-edit]").ClickAsync();
        await page.Locator("[data-testid=mem-edit-text]").FillAsync("Candle p_9 sells twice as fast at 19.90 than at 24.90");
        await page.Locator("[data-testid=mem-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mem-message]")).ToHaveTextAsync("memory updated");
        var edited = page.Locator("[data-testid=mem-row]").Filter(new() { HasText = "than at 24.90" });
        await Assertions.Expect(edited).ToContainTextAsync("edited by founder");
        Assert.Contains(await store.ListAsync(new MemoryListFilter { ScopeKey = "p_9" }), m => m.Content.EndsWith("than at 24.90"));

        await page.Locator("[data-testid=mem-scope]").SelectOptionAsync("business");
        await page.Locator("[data-testid=mem-filter]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mem-row]")).ToHaveCountAsync(1);
        await Support.Browser.SaveScreenshotAsync(page, "memories");

        var business = page.Locator("[data-testid=mem-row]").Filter(new() { HasText = "launch week" });
        await business.Locator("[data-testid=mem-delete]").ClickAsync();
        await business.Locator("[data-testid=mem-confirm-delete]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mem-empty]")).ToBeVisibleAsync();
        Assert.Empty(await store.ListAsync(new MemoryListFilter { Scope = "business" }));
    }
    [Fact]
    public async Task Support_sees_memories_and_knowledge_but_no_way_to_upload_edit_or_delete()
    {
        const string supportEmail = "kb-support@liveshop.local", supportPassword = "support-test-password";
        await using (var insert = server.Database.DataSource.CreateCommand($"""
            INSERT INTO users (id, email, display_name, role, created_at, disabled)
            VALUES (gen_random_uuid(), '{supportEmail}', 'S', 'support', now(), false) ON CONFLICT (email) DO NOTHING
            """))
            await insert.ExecuteNonQueryAsync();
        await server.SetPasswordAsync(supportEmail, supportPassword);
        var store = new MemoryStore(server.Database.DataSource, LocalMiniLmEmbedder.Shared, TimeProvider.System);
        await store.RememberAsync(new NewMemory { Scope = "product", ScopeKey = "p_77", Kind = "price_effect", Content = "Lamp p_77 sells best at 49", Source = "test" });
        await new LiveShop.Memory.Knowledge.Ingestion.KnowledgeIngestor(server.Database.DataSource, LocalMiniLmEmbedder.Shared, TimeProvider.System)
            .IngestTextAsync("lamp-care.md", "# Lamp care guide\n\nDust the shade weekly.");

        var memories = await browser.OpenInteractiveAsync(server.BaseAddress, "/memories", supportEmail, supportPassword);
        var row = memories.Locator("[data-testid=mem-row]").Filter(new() { HasText = "Lamp p_77" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=mem-edit]")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator("[data-testid=mem-delete]")).ToHaveCountAsync(0);

        var knowledge = await browser.OpenInteractiveAsync(server.BaseAddress, "/knowledge", supportEmail, supportPassword);
        var document = knowledge.Locator("[data-testid=kb-document]").Filter(new() { HasText = "Lamp care guide" });
        await Assertions.Expect(document).ToHaveCountAsync(1);
        await Assertions.Expect(document.Locator("[data-testid=kb-delete]")).ToHaveCountAsync(0);
        await Assertions.Expect(knowledge.Locator("[data-testid=kb-upload]")).ToHaveCountAsync(0);
        Assert.Contains(await store.ListAsync(new MemoryListFilter { ScopeKey = "p_77" }), m => m.Content == "Lamp p_77 sells best at 49");
    }
}

public sealed class StarterKnowledgeSeedTests(SeededLiveShopServer server) : IClassFixture<SeededLiveShopServer>
{
    [Fact]
    public async Task The_seed_loads_the_starter_knowledge_into_an_empty_knowledge_base()
    {
        var shipped = Directory.EnumerateFiles(LiveShop.Memory.Knowledge.StarterKnowledge.Directory!, "*.md", SearchOption.AllDirectories).Count();
        await using var db = server.Database.CreateContext();
        Assert.Equal(shipped, db.KnowledgeDocuments.Count());
        Assert.Contains(db.KnowledgeDocuments.Select(d => d.Title), t => t.Contains("Refund", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_learning_worker_turns_the_seeded_events_into_memories_with_evidence()
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        List<LiveShop.Memory.Data.Entities.Knowledge.LongTermMemory> learned = [];
        while (DateTime.UtcNow < deadline)
        {
            await using var db = server.Database.CreateContext();
            learned = db.LongTermMemories.Where(m => m.Source.StartsWith("event:")).ToList();
            var cursor = db.LearningCursors.SingleOrDefault();
            if (learned.Count > 0 && cursor is not null && cursor.LastSequence == db.Database.SqlQuery<long>($"SELECT coalesce(max(sequence), 0) AS \"Value\" FROM business_events").Single())
                break;
            await Task.Delay(1000);
        }
        Assert.NotEmpty(learned);
        Assert.All(learned, m => Assert.Equal("event", m.Evidence.RootElement[0].GetProperty("kind").GetString()));
        Assert.Contains(learned, m => m.Scope == "product");
    }
}
