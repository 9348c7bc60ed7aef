using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Memory.Knowledge.Ingestion;
using LiveShop.Memory.Knowledge.Retrieval;

namespace LiveShop.Chat.Cli;

/// <summary><c>kb add|list|remove|search</c>: manage and query the knowledge base (policies, SOPs, playbooks).</summary>
internal static class KbCommand
{
    public static Command Create()
    {
        var kb = new Command("kb", "Manage and search the knowledge base.");
        kb.Add(Add());
        kb.Add(List());
        kb.Add(Remove());
        kb.Add(Search());
        return kb;
    }

    private static Command Add()
    {
        var paths = new Argument<string[]>("path") { Description = "Markdown, text or PDF files, or folders (read recursively)", Arity = ArgumentArity.OneOrMore };
        var add = new Command("add", "Ingest files and folders; unchanged files are skipped, changed ones replaced; files over Knowledge:MaxUploadBytes are refused.") { paths };
        add.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            var limit = KnowledgeServices.UploadOptions(configuration);
            // Oversized files are refused before the database or the model is touched.
            var tooLarge = KnowledgeFiles.Expand(result.GetValue(paths)!)
                .Where(c => c.Error is null && File.Exists(c.Path))
                .Select(c => limit.RefusalFor(c.Path, new FileInfo(c.Path).Length))
                .OfType<string>().ToList();
            if (tooLarge.Count > 0)
            {
                foreach (var refusal in tooLarge) result.Error().WriteLine($"liveshop: {refusal}");
                return 1;
            }
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            var ingestor = new KnowledgeIngestor(dataSource, KnowledgeServices.CreateEmbedder(configuration), TimeProvider.System);
            var outcomes = await ingestor.IngestAsync(result.GetValue(paths)!, cancellationToken);
            foreach (var o in outcomes)
            {
                if (o.Status == IngestStatus.Failed) result.Error().WriteLine($"failed     {o.Source}: {o.Reason}");
                else result.Out().WriteLine($"{o.Status.ToString().ToLowerInvariant(),-10} {o.Source} ({o.Chunks} chunks) {o.DocumentId}");
            }
            if (outcomes.Count == 0) result.Error().WriteLine("liveshop: no Markdown, text or PDF files found");
            return outcomes.Count == 0 || outcomes.Any(o => o.Status == IngestStatus.Failed) ? 1 : 0;
        });
        return add;
    }

    private static Command List()
    {
        var list = new Command("list", "List the stored documents.");
        list.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            // Listing needs no embeddings: do not load the model for it.
            var documents = await new KnowledgeIngestor(dataSource, new ListingOnlyEmbedder(), TimeProvider.System).ListAsync(cancellationToken);
            foreach (var d in documents)
                result.Out().WriteLine($"{d.Id}  {d.DocType,-14} {d.Chunks,4} chunks  {d.Title}  [{string.Join(", ", d.Tags)}]  {d.Source}");
            result.Out().WriteLine($"{documents.Count} document(s)");
            // Uploads still embedding in the background, and recent ones that failed, with their progress.
            var uploads = (await new KnowledgeIngestionQueue(dataSource, TimeProvider.System).ListAsync(cancellationToken: cancellationToken))
                .Where(u => u.Status != IngestionStatus.Ready).ToList();
            foreach (var u in uploads)
                result.Out().WriteLine($"{u.Id}  {u.StatusCode,-14} {u.ChunksEmbedded}/{u.ChunksTotal} chunks embedded  {u.FileName}{(u.Detail is null ? "" : $"  ({u.Detail})")}");
            if (uploads.Count > 0) result.Out().WriteLine($"{uploads.Count} upload(s) queued, embedding or failed");
            return 0;
        });
        return list;
    }

    private static Command Remove()
    {
        var target = new Argument<string>("id-or-source") { Description = "Document id or source path" };
        var remove = new Command("remove", "Remove a document and its chunks.") { target };
        remove.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            var removed = await new KnowledgeIngestor(dataSource, new ListingOnlyEmbedder(), TimeProvider.System).RemoveAsync(result.GetValue(target)!, cancellationToken);
            if (removed == 0)
            {
                result.Error().WriteLine($"liveshop: no document with id or source '{result.GetValue(target)}'");
                return 1;
            }
            result.Out().WriteLine($"removed {removed} document(s)");
            return 0;
        });
        return remove;
    }

    private static Command Search()
    {
        var query = new Argument<string>("query") { Description = "The question" };
        var k = new Option<int>("--k") { Description = "How many passages", DefaultValueFactory = _ => 5 };
        var type = new Option<string?>("--type") { Description = "Only documents of this type" };
        var tag = new Option<string?>("--tag") { Description = "Only documents with this tag" };
        var fullText = new Option<bool>("--full-text") { Description = "Keyword search only (the baseline)" };
        var search = new Command("search", "Search the knowledge base and print cited passages.") { query, k, type, tag, fullText };
        search.SetAction(async (result, cancellationToken) =>
        {
            var text = result.GetValue(query);
            var count = result.GetValue(k);
            if (string.IsNullOrWhiteSpace(text) || count is < 1 or > 200)
            {
                result.Error().WriteLine("liveshop: give a non-empty query and --k between 1 and 200");
                return 2;
            }
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            var hits = await new KnowledgeSearch(dataSource, KnowledgeServices.CreateEmbedder(configuration)).SearchAsync(new KnowledgeQuery
            {
                Text = text, K = count, DocType = result.GetValue(type), Tag = result.GetValue(tag),
                Mode = result.GetValue(fullText) ? SearchMode.FullTextOnly : SearchMode.Hybrid,
            }, cancellationToken);
            for (var i = 0; i < hits.Count; i++)
            {
                var h = hits[i];
                result.Out().WriteLine($"[{i + 1}] {h.Title} — {h.HeadingPath}  (score {h.Score:F4})");
                result.Out().WriteLine($"    source: {h.Source}, part {h.Position + 1}, type {h.DocType}");
                result.Out().WriteLine($"    {h.Snippet}");
            }
            if (hits.Count == 0) result.Out().WriteLine("no matching passages");
            return 0;
        });
        return search;
    }

    // list/remove never embed; this keeps them from loading the ONNX model.
    private sealed class ListingOnlyEmbedder : ITextEmbedder
    {
        public string ModelId => "none";
        public int Dimensions => 384;
        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("listing and removing never embed");
    }
}
