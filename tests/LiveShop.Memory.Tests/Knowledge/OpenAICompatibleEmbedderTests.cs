using System.Text.Json;
using LiveShop.Memory.Knowledge.Embeddings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Memory.Tests.Knowledge;

public sealed class OpenAICompatibleEmbedderTests : IAsyncLifetime
{
    private readonly List<(string? Authorization, JsonElement Body)> _requests = [];
    private WebApplication _server = null!;
    private string _endpoint = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        // Speaks the OpenAI embeddings protocol: vector i is 3·e_(i mod 4) + e_5, unnormalised, returned in reverse order.
        _server.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            lock (_requests) _requests.Add((request.Headers.Authorization.ToString(), body));
            var inputs = body.GetProperty("input").EnumerateArray().Select(i => i.GetString()!).ToList();
            var data = inputs.Select((text, i) =>
            {
                var vector = new float[384];
                vector[i % 4] = 3;
                vector[5] = text.Length > 100 ? 4 : 0;
                return new { @object = "embedding", index = i, embedding = vector };
            }).Reverse();
            return Results.Json(new { @object = "list", data, model = body.GetProperty("model").GetString() });
        });
        await _server.StartAsync();
        _endpoint = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Posts_batches_with_the_model_and_key_and_returns_unit_vectors_in_input_order()
    {
        var options = new EmbeddingOptions { Provider = "OpenAICompatible", Endpoint = _endpoint, Model = "nomic-embed-text", ApiKey = "sk-test" };
        var embedder = TextEmbedders.Create(options, () => new HttpClient());
        var texts = Enumerable.Range(0, 70).Select(i => i == 1 ? new string('x', 150) : $"text {i}").ToList();

        var vectors = await embedder.EmbedAsync(texts);

        Assert.Equal("openai/nomic-embed-text", embedder.ModelId);
        Assert.Equal(70, vectors.Length);
        Assert.Equal(2, _requests.Count); // 64 + 6
        Assert.All(_requests, r => Assert.Equal("Bearer sk-test", r.Authorization));
        Assert.Equal("nomic-embed-text", _requests[0].Body.GetProperty("model").GetString());
        Assert.Equal(64, _requests[0].Body.GetProperty("input").GetArrayLength());
        Assert.Equal(1f, vectors[0][0], 5);
        Assert.Equal(0.6f, vectors[1][1], 5);
        Assert.Equal(0.8f, vectors[1][5], 5);
        Assert.Equal(1f, vectors[66][2], 5);
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
    }

    [Fact]
    public async Task A_service_error_names_the_status()
    {
        var options = new EmbeddingOptions { Provider = "OpenAICompatible", Endpoint = _endpoint + "/missing", Model = "m" };
        var embedder = new OpenAICompatibleEmbedder(new HttpClient(), options);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => embedder.EmbedAsync(["a"]));
        Assert.Contains("404", error.Message);
    }

    [Fact]
    public void Configuration_chooses_the_provider()
    {
        Assert.Same(LocalMiniLmEmbedder.Shared, TextEmbedders.Create(new EmbeddingOptions(), () => throw new InvalidOperationException("no HTTP for local")));
        Assert.Throws<InvalidOperationException>(() => TextEmbedders.Create(new EmbeddingOptions { Provider = "Bogus" }, () => new HttpClient()));
        Assert.Throws<InvalidOperationException>(() => TextEmbedders.Create(new EmbeddingOptions { Provider = "OpenAICompatible", Model = "m" }, () => new HttpClient()));
    }
}
