using System.Collections.Concurrent;
using LiveShop.Memory.Knowledge.Embeddings;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>One function as the planner scores it: its metadata, the vectors of its description and examples, and its cues.</summary>
public sealed record IndexedFunction(KernelFunction Function, IReadOnlyList<float[]> Vectors, IReadOnlyList<string> Cues, IReadOnlySet<string> IdPrefixes);

/// <summary>
/// The embedded descriptions and examples of a set of functions. Embedding takes milliseconds per text, so each distinct
/// function set (a persona's kernel) is embedded once; the cache keeps only the vectors, and every index pairs them
/// with the function instances actually offered (those are bound to the caller's plugins and kernel).
/// </summary>
public sealed class FunctionIndex
{
    private static readonly ConcurrentDictionary<string, Task<IReadOnlyList<float[][]>>> Cache = new(StringComparer.Ordinal);

    private FunctionIndex(IReadOnlyList<IndexedFunction> functions) => Functions = functions;

    /// <summary>The functions, in the order given.</summary>
    public IReadOnlyList<IndexedFunction> Functions { get; }

    /// <summary>The index of <paramref name="functions"/>, built on first use with <paramref name="embedder"/> and cached.</summary>
    public static async Task<FunctionIndex> ForAsync(IReadOnlyList<KernelFunction> functions, ITextEmbedder embedder, CancellationToken cancellationToken = default)
    {
        var key = embedder.ModelId + "|" + string.Join("|", functions.Select(f => $"{f.PluginName}-{f.Name}:{f.Description}"));
        var task = Cache.GetOrAdd(key, _ => EmbedAsync(functions, embedder));
        if (task.IsFaulted) Cache.TryRemove(new KeyValuePair<string, Task<IReadOnlyList<float[][]>>>(key, task));
        var vectors = await task.WaitAsync(cancellationToken);
        return new FunctionIndex(functions.Select((function, i) => new IndexedFunction(
            function,
            vectors[i],
            PlannerExamples.For(function)?.Cues ?? [],
            function.Metadata.Parameters.Select(ArgumentExtractor.IdPrefixOf).OfType<string>().ToHashSet(StringComparer.Ordinal)))
            .ToArray());
    }

    private static async Task<IReadOnlyList<float[][]>> EmbedAsync(IReadOnlyList<KernelFunction> functions, ITextEmbedder embedder)
    {
        var texts = new List<string>();
        var ranges = new List<(int Start, int Count)>();
        foreach (var function in functions)
        {
            var own = new List<string> { $"{function.Name.Replace('_', ' ')}: {function.Description}" };
            if (PlannerExamples.For(function) is { } hints) own.AddRange(hints.Examples);
            ranges.Add((texts.Count, own.Count));
            texts.AddRange(own);
        }
        var vectors = await embedder.EmbedAsync(texts, CancellationToken.None);
        return ranges.Select(r => vectors.Skip(r.Start).Take(r.Count).ToArray()).ToArray();
    }
}
