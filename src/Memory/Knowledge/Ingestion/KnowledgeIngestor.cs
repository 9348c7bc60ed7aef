using System.Security.Cryptography;
using LiveShop.Memory.Data.Entities.Knowledge;
using LiveShop.Memory.Database;
using LiveShop.Memory.Knowledge.Chunking;
using LiveShop.Memory.Knowledge.Embeddings;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pgvector;

namespace LiveShop.Memory.Knowledge.Ingestion;

/// <summary>
/// Reads files into the knowledge base: parses, chunks, embeds and stores them; a changed file's chunks are replaced,
/// an unchanged one (same SHA-256) is skipped. Safe with several hosts: each source is locked while it is written.
/// Chunks are embedded in batches of <see cref="EmbeddingBatchSize"/>, reporting progress after each, so memory stays
/// bounded and a queued upload shows how far it is.
/// </summary>
public sealed class KnowledgeIngestor(NpgsqlDataSource dataSource, ITextEmbedder embedder, TimeProvider time)
{
    /// <summary>Document type when neither front-matter nor a folder names one.</summary>
    public const string DefaultDocType = "general";

    /// <summary>How many chunks go to the embedding model at once.</summary>
    public const int EmbeddingBatchSize = 32;

    private readonly TextChunker _chunker = new();

    /// <summary>Ingests files and folders (recursively); one outcome per file, failures included, never thrown.</summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<IngestOutcome>();
        foreach (var candidate in KnowledgeFiles.Expand(paths))
        {
            if (candidate.Error is not null)
            {
                outcomes.Add(IngestOutcome.Failed(candidate.Path, candidate.Error));
                continue;
            }
            outcomes.Add(await IngestFileAsync(candidate, null, cancellationToken));
        }
        return outcomes;
    }

    /// <summary>
    /// Ingests one file, calling <paramref name="progress"/> with chunks embedded and the total before the first batch
    /// and after each one; never throws for an unreadable file (the outcome says why).
    /// </summary>
    public async Task<IngestOutcome> IngestOneAsync(string path, EmbeddingProgress? progress, CancellationToken cancellationToken = default)
    {
        var candidate = KnowledgeFiles.Expand([path]).FirstOrDefault();
        if (candidate is null) return IngestOutcome.Failed(path, "not a Markdown, text or PDF file");
        if (candidate.Error is not null) return IngestOutcome.Failed(candidate.Path, candidate.Error);
        return await IngestFileAsync(candidate, progress, cancellationToken);
    }

    private async Task<IngestOutcome> IngestFileAsync(KnowledgeFiles.Candidate candidate, EmbeddingProgress? progress, CancellationToken cancellationToken)
    {
        byte[] content;
        ParsedDocument parsed;
        try
        {
            content = await File.ReadAllBytesAsync(candidate.Path, cancellationToken);
            parsed = KnowledgeFiles.Parse(candidate.Path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException
                                       or UglyToad.PdfPig.Core.PdfDocumentFormatException or InvalidOperationException or ArgumentException)
        {
            return IngestOutcome.Failed(candidate.Path, $"unreadable file: {e.Message}");
        }

        var folders = KnowledgeFiles.FoldersBelowRoot(candidate.Path, candidate.Root);
        var document = new IncomingDocument(
            Source: candidate.Path,
            Title: Truncate(parsed.Title, 300),
            DocType: Truncate(parsed.DocType ?? folders.FirstOrDefault() ?? DefaultDocType, 32),
            Tags: parsed.Tags.Concat(folders).Distinct().ToList(),
            ContentHash: Convert.ToHexStringLower(SHA256.HashData(content)),
            Chunks: _chunker.Chunk(parsed));
        if (document.Chunks.Count == 0) return IngestOutcome.Failed(candidate.Path, "no text found in the file");
        return await StoreAsync(document, progress, cancellationToken);
    }

    /// <summary>Stores already-read text (e.g. a generated report) under <paramref name="source"/>, Markdown-parsed.</summary>
    public async Task<IngestOutcome> IngestTextAsync(string source, string markdown, CancellationToken cancellationToken = default)
    {
        var parsed = MarkdownReader.ParseMarkdown(markdown, source);
        var document = new IncomingDocument(source, Truncate(parsed.Title, 300), Truncate(parsed.DocType ?? DefaultDocType, 32), parsed.Tags,
            Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(markdown))), _chunker.Chunk(parsed));
        if (document.Chunks.Count == 0) return IngestOutcome.Failed(source, "no text found");
        return await StoreAsync(document, null, cancellationToken);
    }

    private async Task<IngestOutcome> StoreAsync(IncomingDocument incoming, EmbeddingProgress? progress, CancellationToken cancellationToken)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var existing = await context.KnowledgeDocuments.AsNoTracking()
            .Where(d => d.Source == incoming.Source)
            .Select(d => new { d.Id, d.ContentHash, Chunks = d.Chunks.Count })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null && existing.ContentHash == incoming.ContentHash)
            return new IngestOutcome { Source = incoming.Source, Status = IngestStatus.Unchanged, DocumentId = existing.Id, Title = incoming.Title, Chunks = existing.Chunks };

        // Embed before opening the transaction: the model is the slow part, and locks should be short.
        var vectors = await EmbedInBatchesAsync(incoming, progress, cancellationToken);

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({incoming.Source}, 7107))", cancellationToken);
        var stored = await context.KnowledgeDocuments.Where(d => d.Source == incoming.Source).FirstOrDefaultAsync(cancellationToken);
        if (stored is not null && stored.ContentHash == incoming.ContentHash)
            return new IngestOutcome { Source = incoming.Source, Status = IngestStatus.Unchanged, DocumentId = stored.Id, Title = stored.Title, Chunks = incoming.Chunks.Count };

        var status = stored is null ? IngestStatus.Added : IngestStatus.Updated;
        if (stored is null)
        {
            stored = new KnowledgeDocument { Id = Guid.CreateVersion7(), Source = incoming.Source, Title = incoming.Title, DocType = incoming.DocType, ContentHash = incoming.ContentHash };
            context.KnowledgeDocuments.Add(stored);
        }
        else
        {
            await context.KnowledgeChunks.Where(c => c.DocumentId == stored.Id).ExecuteDeleteAsync(cancellationToken);
        }
        stored.Title = incoming.Title;
        stored.DocType = incoming.DocType;
        stored.Tags = incoming.Tags.ToList();
        stored.ContentHash = incoming.ContentHash;
        stored.IngestedAt = time.GetUtcNow();
        context.KnowledgeChunks.AddRange(incoming.Chunks.Select((chunk, i) => new KnowledgeChunk
        {
            DocumentId = stored.Id,
            Position = chunk.Position,
            HeadingPath = Truncate(chunk.HeadingPath, 1000),
            Content = chunk.Content,
            Embedding = new Vector(vectors[i]),
            EmbeddingModel = embedder.ModelId,
        }));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IngestOutcome { Source = incoming.Source, Status = status, DocumentId = stored.Id, Title = stored.Title, Chunks = incoming.Chunks.Count };
    }

    private async Task<float[][]> EmbedInBatchesAsync(IncomingDocument incoming, EmbeddingProgress? progress, CancellationToken cancellationToken)
    {
        var total = incoming.Chunks.Count;
        var vectors = new float[total][];
        if (progress is not null) await progress(0, total, cancellationToken);
        for (var start = 0; start < total; start += EmbeddingBatchSize)
        {
            var count = Math.Min(EmbeddingBatchSize, total - start);
            var texts = new string[count];
            for (var i = 0; i < count; i++) texts[i] = EmbeddingText(incoming.Title, incoming.Chunks[start + i]);
            var batch = await embedder.EmbedAsync(texts, cancellationToken);
            Array.Copy(batch, 0, vectors, start, count);
            if (progress is not null) await progress(start + count, total, cancellationToken);
        }
        return vectors;
    }

    /// <summary>Removes a document by id or by source path; returns how many documents were removed (0 or 1).</summary>
    public async Task<int> RemoveAsync(string idOrSource, CancellationToken cancellationToken = default)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        if (Guid.TryParse(idOrSource, out var id))
            return await context.KnowledgeDocuments.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken);
        var fullPath = Path.GetFullPath(idOrSource);
        return await context.KnowledgeDocuments.Where(d => d.Source == idOrSource || d.Source == fullPath).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Every stored document with its chunk count, by title.</summary>
    public async Task<IReadOnlyList<KnowledgeDocumentSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var rows = await context.KnowledgeDocuments.AsNoTracking()
            .OrderBy(d => d.Title).ThenBy(d => d.Source)
            .Select(d => new
            {
                d.Id, d.Title, d.Source, d.DocType, d.Tags, d.IngestedAt,
                Chunks = d.Chunks.Count,
                Model = d.Chunks.Select(c => c.EmbeddingModel).OrderBy(m => m).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new KnowledgeDocumentSummary(r.Id, r.Title, r.Source, r.DocType, r.Tags, r.Chunks, r.Model ?? "", r.IngestedAt)).ToList();
    }

    /// <summary>The text a chunk is embedded from: its title and headings give a short passage its context.</summary>
    internal static string EmbeddingText(string title, string headingPath, string content)
    {
        var heading = headingPath.StartsWith(title, StringComparison.OrdinalIgnoreCase) ? headingPath
            : headingPath.Length == 0 ? title : $"{title}{TextChunker.PathSeparator}{headingPath}";
        return $"{heading}\n\n{content}";
    }

    private static string EmbeddingText(string title, TextChunk chunk) => EmbeddingText(title, chunk.HeadingPath, chunk.Content);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record IncomingDocument(string Source, string Title, string DocType, IReadOnlyList<string> Tags, string ContentHash, IReadOnlyList<TextChunk> Chunks);
}

/// <summary>Reports <paramref name="embedded"/> of <paramref name="total"/> chunks done; may throw to stop the ingestion.</summary>
public delegate Task EmbeddingProgress(int embedded, int total, CancellationToken cancellationToken);
