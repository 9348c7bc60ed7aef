namespace LiveShop.Memory.Knowledge.Embeddings;

/// <summary>Which embedding model the knowledge base uses: the bundled local model, or a configured remote one.</summary>
public sealed class EmbeddingOptions
{
    /// <summary>Configuration section (<c>Embeddings:Provider</c>, <c>Embeddings:Endpoint</c>, …).</summary>
    public const string Section = "Embeddings";

    /// <summary><c>Local</c> (default), <c>OpenAI</c>, <c>AzureOpenAI</c> or <c>OpenAICompatible</c>.</summary>
    public string Provider { get; set; } = EmbeddingProviders.Local;

    /// <summary>Base address of the remote service (without <c>/v1</c>); defaults to OpenAI's for the OpenAI provider.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model (or Azure deployment) name of the remote service.</summary>
    public string? Model { get; set; }

    /// <summary>Key of the remote service; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Vector length the remote model returns; must match the database column (384).</summary>
    public int Dimensions { get; set; } = Data.Entities.Knowledge.KnowledgeChunk.EmbeddingDimensions;

    /// <summary>Azure OpenAI API version query parameter.</summary>
    public string AzureApiVersion { get; set; } = "2024-10-21";
}

/// <summary>The provider names <see cref="EmbeddingOptions.Provider"/> accepts.</summary>
public static class EmbeddingProviders
{
    public const string Local = "Local";
    public const string OpenAI = "OpenAI";
    public const string AzureOpenAI = "AzureOpenAI";
    public const string OpenAICompatible = "OpenAICompatible";
}
