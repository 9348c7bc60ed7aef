using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveShop.Memory.Knowledge.Embeddings;

/// <summary>
/// Embeddings from a remote service speaking the OpenAI embeddings protocol (OpenAI, Azure OpenAI, Ollama, vLLM,
/// LM Studio): <c>POST {endpoint}/v1/embeddings</c> with the model and an input array.
/// </summary>
public sealed class OpenAICompatibleEmbedder : ITextEmbedder
{
    private const int BatchSize = 64;

    private readonly HttpClient _http;
    private readonly Uri _requestUri;
    private readonly string _model;
    private readonly bool _azure;
    private readonly string? _apiKey;

    /// <summary>Creates an embedder over <paramref name="http"/> (from the host's client factory) for the configured service.</summary>
    public OpenAICompatibleEmbedder(HttpClient http, EmbeddingOptions options)
    {
        _http = http;
        _azure = string.Equals(options.Provider, EmbeddingProviders.AzureOpenAI, StringComparison.OrdinalIgnoreCase);
        var endpoint = options.Endpoint
            ?? (string.Equals(options.Provider, EmbeddingProviders.OpenAI, StringComparison.OrdinalIgnoreCase)
                ? "https://api.openai.com"
                : throw new InvalidOperationException($"Embeddings:Endpoint is required for the {options.Provider} embedding provider"));
        _model = options.Model ?? throw new InvalidOperationException("Embeddings:Model is required for a remote embedding provider");
        _apiKey = options.ApiKey;
        var root = endpoint.TrimEnd('/');
        _requestUri = _azure
            ? new Uri($"{root}/openai/deployments/{Uri.EscapeDataString(_model)}/embeddings?api-version={Uri.EscapeDataString(options.AzureApiVersion)}")
            : new Uri(root.EndsWith("/v1", StringComparison.Ordinal) ? $"{root}/embeddings" : $"{root}/v1/embeddings");
        Dimensions = options.Dimensions;
    }

    public string ModelId => $"{(_azure ? "azure" : "openai")}/{_model}";

    public int Dimensions { get; }

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var batch = texts.Skip(start).Take(BatchSize).ToArray();
            var vectors = await EmbedBatchAsync(batch, cancellationToken);
            for (var i = 0; i < vectors.Length; i++) result[start + i] = vectors[i];
        }
        return result;
    }

    private async Task<float[][]> EmbedBatchAsync(string[] batch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _requestUri)
        {
            Content = JsonContent.Create(new EmbeddingRequest(_azure ? null : _model, batch, _azure ? null : Dimensions)),
        };
        if (!string.IsNullOrEmpty(_apiKey))
        {
            if (_azure) request.Headers.Add("api-key", _apiKey);
            else request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"embedding service answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}", null, response.StatusCode);
        }
        var payload = await response.Content.ReadFromJsonAsync<EmbeddingResponse>(cancellationToken)
            ?? throw new InvalidDataException("embedding service returned an empty body");
        if (payload.Data.Count != batch.Length)
            throw new InvalidDataException($"embedding service returned {payload.Data.Count} vectors for {batch.Length} inputs");
        var vectors = new float[batch.Length][];
        foreach (var item in payload.Data)
        {
            if (item.Index < 0 || item.Index >= batch.Length) throw new InvalidDataException($"embedding index {item.Index} out of range");
            if (item.Embedding.Length != Dimensions)
                throw new InvalidDataException($"embedding service returned {item.Embedding.Length} dimensions, the knowledge base stores {Dimensions}");
            vectors[item.Index] = Normalise(item.Embedding);
        }
        return vectors;
    }

    // Cosine ranking in the database assumes unit vectors; most services return them, a local server may not.
    private static float[] Normalise(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm is 0 or double.NaN) return vector;
        return vector.Select(v => (float)(v / norm)).ToArray();
    }

    private sealed record EmbeddingRequest(
        [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model,
        [property: JsonPropertyName("input")] string[] Input,
        [property: JsonPropertyName("dimensions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Dimensions);

    private sealed record EmbeddingResponse([property: JsonPropertyName("data")] List<EmbeddingItem> Data);

    private sealed record EmbeddingItem(
        [property: JsonPropertyName("index")] int Index,
        [property: JsonPropertyName("embedding")] float[] Embedding);
}
