namespace LiveShop.Memory.Knowledge.Embeddings;

/// <summary>The one place the embedding provider is chosen from configuration: a configured remote model wins.</summary>
public static class TextEmbedders
{
    /// <summary>The embedder <paramref name="options"/> names; <paramref name="http"/> is used only for a remote provider.</summary>
    public static ITextEmbedder Create(EmbeddingOptions options, Func<HttpClient> http)
    {
        switch (options.Provider)
        {
            case var p when string.Equals(p, EmbeddingProviders.Local, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(p):
                return LocalMiniLmEmbedder.Shared;
            case var p when string.Equals(p, EmbeddingProviders.OpenAI, StringComparison.OrdinalIgnoreCase)
                         || string.Equals(p, EmbeddingProviders.AzureOpenAI, StringComparison.OrdinalIgnoreCase)
                         || string.Equals(p, EmbeddingProviders.OpenAICompatible, StringComparison.OrdinalIgnoreCase):
                return new OpenAICompatibleEmbedder(http(), options);
            default:
                throw new InvalidOperationException(
                    $"unknown Embeddings:Provider '{options.Provider}'; use Local, OpenAI, AzureOpenAI or OpenAICompatible");
        }
    }
}
