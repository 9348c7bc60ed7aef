namespace LiveShop.Chat.Models;

/// <summary>Which chat model the personas talk to (section <c>Llm</c>); with no provider the offline planner answers.</summary>
public sealed class LlmOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Llm";

    /// <summary><c>OpenAI</c>, <c>AzureOpenAI</c>, <c>OpenAICompatible</c> or <c>Offline</c> (the default).</summary>
    public string? Provider { get; set; }

    /// <summary>Base address: the OpenAI-compatible server (e.g. <c>http://127.0.0.1:11434</c>, <c>/v1</c> is added) or the Azure resource.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model id, e.g. <c>gpt-4o-mini</c> or <c>llama3.1</c>.</summary>
    public string? Model { get; set; }

    /// <summary>API key; optional for local OpenAI-compatible servers.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure OpenAI deployment name (defaults to <see cref="Model"/>).</summary>
    public string? Deployment { get; set; }

    /// <summary>Seconds to wait for the model before a turn fails.</summary>
    public int TimeoutSeconds { get; set; } = 120;
}
