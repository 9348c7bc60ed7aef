using System.Globalization;
using LiveShop.Memory.Knowledge.Ingestion;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Where files uploaded in the console or over the API are kept (they are the documents' sources) and how large one may
/// be (<c>Knowledge:MaxUploadBytes</c>); uploads are queued and embedded in the background.
/// </summary>
public sealed class KnowledgeUploadOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Knowledge";

    /// <summary>The configuration key of <see cref="MaxBytes"/>.</summary>
    public const string MaxBytesKey = "Knowledge:MaxUploadBytes";

    /// <summary>The folder the uploads are kept in: <c>knowledge-uploads</c> under the data directory.</summary>
    public string Directory { get; set; } = "";

    /// <summary>The largest file that may be added, in bytes (<c>Knowledge:MaxUploadBytes</c>, positive).</summary>
    [ConfigurationKeyName("MaxUploadBytes")]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The default limit: 5 MiB, a long handbook; larger files are better split by topic.</summary>
    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    /// <summary>Why a file of <paramref name="sizeBytes"/> may not be added, or null when it may.</summary>
    public string? RefusalFor(string name, long sizeBytes) =>
        sizeBytes <= MaxBytes ? null
            : $"{name} is {Megabytes(sizeBytes)} MB, over the knowledge upload limit of {Megabytes(MaxBytes)} MB ({MaxBytesKey}); split it into smaller documents";

    /// <summary>A name safe to store under <see cref="Directory"/>; the same name again replaces the document (its source).</summary>
    public static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string(Path.GetFileName(name).Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '-' : c).ToArray());
        return cleaned.TrimStart('.') is { Length: > 0 } safe ? safe : "upload.md";
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>Stores an uploaded file within the size limit and queues it for background embedding.</summary>
public sealed class KnowledgeUploads(KnowledgeUploadOptions options, KnowledgeIngestionQueue queue)
{
    /// <summary>The limit and folder in force.</summary>
    public KnowledgeUploadOptions Options => options;

    /// <summary>
    /// Copies <paramref name="content"/> to the uploads folder and queues it; refuses (deleting what was written) a file
    /// of an unsupported kind or one that turns out larger than the limit while being read (a chunked body has no length).
    /// </summary>
    public async Task<UploadResult> AddAsync(string fileName, Stream content, string? requestedBy, CancellationToken cancellationToken = default)
    {
        var extension = Path.GetExtension(fileName);
        if (!KnowledgeFiles.SupportedExtensions.Contains(extension))
            return UploadResult.Refused($"{fileName}: only Markdown, text and PDF files can be added (not '{extension}')", tooLarge: false);
        Directory.CreateDirectory(options.Directory);
        var path = Path.Combine(options.Directory, KnowledgeUploadOptions.SafeFileName(fileName));
        // Written beside the target first, so a refused upload never replaces the source of a stored document.
        var partial = path + ".part-" + Guid.NewGuid().ToString("N");
        long written = 0;
        try
        {
            await using (var target = File.Create(partial))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    written += read;
                    if (options.RefusalFor(fileName, written) is { } refusal) return UploadResult.Refused(refusal, tooLarge: true);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        return UploadResult.Queued(await queue.EnqueueAsync(path, fileName, written, requestedBy, cancellationToken));
    }
}

/// <summary>A queued upload, or why it was refused.</summary>
public sealed record UploadResult
{
    /// <summary>The queued ingestion, when accepted.</summary>
    public IngestionProgress? Ingestion { get; init; }

    /// <summary>Why it was refused, when refused.</summary>
    public string? Refusal { get; init; }

    /// <summary>Whether it was refused for its size (HTTP 413).</summary>
    public bool TooLarge { get; init; }

    internal static UploadResult Queued(IngestionProgress ingestion) => new() { Ingestion = ingestion };

    internal static UploadResult Refused(string reason, bool tooLarge) => new() { Refusal = reason, TooLarge = tooLarge };
}
