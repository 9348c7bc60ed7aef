using LiveShop.Kernel.Planning.Offline;
using LiveShop.Memory.Knowledge.Embeddings;
using LiveShop.Kernel.Orchestration;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace LiveShop.Chat.Models;

/// <summary>The configured model is missing a setting it needs; the message names the key.</summary>
public sealed class ChatModelConfigurationException(string message) : InvalidOperationException(message);

/// <summary>The one place the chat model is chosen from <see cref="LlmOptions"/>: a Semantic Kernel connector, or the offline planner.</summary>
public static class ChatModelFactory
{
    /// <summary>The providers <c>Llm:Provider</c> accepts.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["OpenAI", "AzureOpenAI", "OpenAICompatible", "Offline"];

    /// <summary>Which provider and model the options select (the provider spelled canonically).</summary>
    public static ChatModelDescriptor Describe(LlmOptions options)
    {
        var provider = Canonical(options.Provider);
        return new ChatModelDescriptor(provider, provider == "Offline" ? "offline planner" : options.Model ?? options.Deployment ?? "");
    }

    /// <summary>Creates the chat completion service the options select; throws naming the missing setting.</summary>
    public static IChatCompletionService Create(LlmOptions options, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        var provider = Canonical(options.Provider);
        HttpClient Http() => new() { Timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)) };
        switch (provider)
        {
            case "OpenAI":
                return new OpenAIChatCompletionService(Require(options.Model, "Llm:Model"), Require(options.ApiKey, "Llm:ApiKey"),
                    httpClient: Http(), loggerFactory: loggerFactory);
            case "OpenAICompatible":
                // The custom-endpoint constructor is marked experimental, but it is SK's documented way to reach
                // OpenAI-compatible servers (and what AddOpenAIChatCompletion(modelId, endpoint, …) calls).
#pragma warning disable SKEXP0010
                return new OpenAIChatCompletionService(Require(options.Model, "Llm:Model"), CompatibleEndpoint(Require(options.Endpoint, "Llm:Endpoint")),
                    // Local servers (Ollama, vLLM, LM Studio) ignore the key, but the client insists on one.
                    string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey, httpClient: Http(), loggerFactory: loggerFactory);
#pragma warning restore SKEXP0010
            case "AzureOpenAI":
                return new AzureOpenAIChatCompletionService(
                    Require(options.Deployment ?? options.Model, "Llm:Deployment"), Require(options.Endpoint, "Llm:Endpoint"), Require(options.ApiKey, "Llm:ApiKey"),
                    modelId: options.Model, httpClient: Http(), loggerFactory: loggerFactory);
            default:
                return CreateOffline(services);
        }
    }

    /// <summary><c>BASE/v1</c> for an OpenAI-compatible base address (kept as is when it already ends in <c>/v1</c>).</summary>
    public static Uri CompatibleEndpoint(string endpoint)
    {
        var trimmed = endpoint.TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out _))
            throw new ChatModelConfigurationException($"Llm:Endpoint '{endpoint}' is not an absolute http(s) address");
        return new Uri(trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? trimmed : trimmed + "/v1");
    }

    // The offline planner (embedding similarity + slot extraction) takes this case when it lands; until then the
    // host says plainly that no model is configured rather than failing to start.
    // The offline planner always uses the local embedding model: a configured remote embedder would not be offline.
    private static IChatCompletionService CreateOffline(IServiceProvider services) =>
        new OfflinePlannerChatCompletion(LocalMiniLmEmbedder.Shared, services.GetService<TimeProvider>());

    private static string Canonical(string? provider)
    {
        if (string.IsNullOrWhiteSpace(provider)) return "Offline";
        return Providers.FirstOrDefault(p => string.Equals(p, provider.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ChatModelConfigurationException($"Llm:Provider '{provider}' is not one of {string.Join(", ", Providers)}");
    }

    private static string Require(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? throw new ChatModelConfigurationException($"{key} must be set for the configured Llm:Provider") : value;
}
