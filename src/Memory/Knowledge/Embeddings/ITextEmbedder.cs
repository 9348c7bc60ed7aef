namespace LiveShop.Memory.Knowledge.Embeddings;

/// <summary>Turns passages and questions into vectors; the knowledge base and the offline planner rank by them.</summary>
public interface ITextEmbedder
{
    /// <summary>Identifies the model; stored beside every vector so a model change can be detected and re-embedded.</summary>
    string ModelId { get; }

    /// <summary>Length of every vector this embedder returns.</summary>
    int Dimensions { get; }

    /// <summary>Embeds a batch of texts, one vector per text in the same order.</summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
