using System.Runtime.CompilerServices;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Chat.Models;

/// <summary>
/// Answers every turn with the same notice that no model is configured; stands in for the offline planner until it is
/// registered in <see cref="ChatModelFactory"/>. It proposes nothing, so nothing can run through it.
/// </summary>
public sealed class NoModelChatCompletion : IChatCompletionService
{
    /// <summary>The notice every turn receives.</summary>
    public const string Notice =
        "No model is configured, so I can't act on this yet. Set Llm:Provider (OpenAI, AzureOpenAI or OpenAICompatible) with Llm:Endpoint, Llm:Model and Llm:ApiKey.";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

    /// <inheritdoc />
    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null,
        Microsoft.SemanticKernel.Kernel? kernel = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChatMessageContent>>([new ChatMessageContent(AuthorRole.Assistant, Notice)]);

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null, Microsoft.SemanticKernel.Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield return new StreamingChatMessageContent(AuthorRole.Assistant, Notice);
    }
}
