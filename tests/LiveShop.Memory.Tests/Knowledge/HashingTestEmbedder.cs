using LiveShop.Memory.Knowledge.Embeddings;

namespace LiveShop.Memory.Tests.Knowledge;

/// <summary>A fast, deterministic embedder for tests that exercise storage rather than semantics: hashed bag of words.</summary>
internal sealed class HashingTestEmbedder(string modelId = "test/hashing") : ITextEmbedder
{
    public string ModelId => modelId;

    public int Dimensions => 384;

    public int Calls { get; private set; }

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(texts.Select(Embed).ToArray());
    }

    private static float[] Embed(string text)
    {
        var vector = new float[384];
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            vector[(int)((uint)StableHash(word) % 384)] += 1;
        vector[0] += 0.01f;
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static int StableHash(string word)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in word) hash = hash * 31 + c;
            return hash;
        }
    }
}
