using System.Runtime.CompilerServices;
using LiveShop.Memory.Knowledge.Embeddings;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>
/// The model used when no language model is configured ("offline planner"): picks one of the kernel's functions for
/// the last user message, reads typed arguments, and either asks a clarifying question or calls the function through
/// the kernel's auto-invocation and invocation filters (so the proof filter sees the call exactly as it sees a model's
/// tool call), then states what the result said.
/// </summary>
/// <remarks>
/// Semantic Kernel's automatic function calling lives inside its model connectors, not in the kernel, so a custom
/// chat completion service must run the loop itself: this one records the <see cref="FunctionCallContent"/> and the
/// <see cref="FunctionResultContent"/> in the chat history the way the connectors do.
/// </remarks>
public sealed class OfflinePlannerChatCompletion : IChatCompletionService
{
    /// <summary>The model id the service reports (and the UI shows).</summary>
    public const string ModelId = "offline-planner";

    /// <summary>The human-readable label of the model.</summary>
    public const string Label = "offline planner";

    /// <summary>Key of <see cref="Label"/> in <see cref="Attributes"/>.</summary>
    public const string LabelAttribute = "label";

    /// <summary>Metadata key marking a reply as the planner's clarifying question (the next message may answer it).</summary>
    public const string QuestionMetadataKey = "liveshop.planner_question";

    private const int StreamChunkLength = 24;

    private readonly OfflinePlanner _planner;
    private readonly FunctionCallRunner _runner = new();

    /// <summary>A planner over <paramref name="embedder"/> (normally <see cref="LocalMiniLmEmbedder.Shared"/>); <paramref name="time"/> dates the requests.</summary>
    public OfflinePlannerChatCompletion(ITextEmbedder embedder, TimeProvider? time = null) => _planner = new OfflinePlanner(embedder, time);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>
    {
        [AIServiceExtensions.ModelIdKey] = ModelId,
        [LabelAttribute] = Label,
    };

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Microsoft.SemanticKernel.Kernel? kernel = null,
        CancellationToken cancellationToken = default)
    {
        var message = RequestText(chatHistory);
        if (string.IsNullOrWhiteSpace(message)) return [Reply("What would you like me to do?")];

        var (functions, autoInvoke) = OfferedFunctions(chatHistory, executionSettings, kernel);
        var decision = await _planner.PlanAsync(message, functions, cancellationToken);
        if (!decision.IsCall || kernel is null) return [Question(decision.Question ?? "Could you say that another way?")];

        var function = decision.Function!;
        var call = new FunctionCallContent(function.Name, function.PluginName, "call_" + Guid.NewGuid().ToString("N")[..24],
            new KernelArguments(decision.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value)));
        var callMessage = new ChatMessageContent(AuthorRole.Assistant, [call]) { ModelId = ModelId };
        // Without auto-invocation the caller runs the call itself, as it would for a model's tool call.
        if (!autoInvoke) return [callMessage];

        chatHistory.Add(callMessage);
        var result = await _runner.InvokeAsync(kernel, function, call, chatHistory, callMessage, executionSettings, cancellationToken);
        chatHistory.Add(new FunctionResultContent(call, result.GetValue<object>()).ToChatMessage());
        return [Reply(PlannerReplies.AfterCall(function, decision.Arguments, result))];
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Microsoft.SemanticKernel.Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var replies = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
        foreach (var reply in replies)
        {
            if (reply.Items.OfType<FunctionCallContent>().FirstOrDefault() is { } call)
            {
                var update = new StreamingChatMessageContent(AuthorRole.Assistant, null, modelId: ModelId);
                update.Items.Add(new StreamingFunctionCallUpdateContent(call.Id, $"{call.PluginName}-{call.FunctionName}", System.Text.Json.JsonSerializer.Serialize(call.Arguments), 0));
                yield return update;
                continue;
            }
            var text = reply.Content ?? "";
            for (var start = 0; start < text.Length; start += StreamChunkLength)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new StreamingChatMessageContent(start == 0 ? AuthorRole.Assistant : null,
                    text.Substring(start, Math.Min(StreamChunkLength, text.Length - start)), modelId: ModelId);
            }
        }
    }

    private static (IReadOnlyList<KernelFunction> Functions, bool AutoInvoke) OfferedFunctions(
        ChatHistory chatHistory, PromptExecutionSettings? settings, Microsoft.SemanticKernel.Kernel? kernel)
    {
        if (kernel is null || settings?.FunctionChoiceBehavior is not { } behavior) return ([], false);
        var configuration = behavior.GetConfiguration(new FunctionChoiceBehaviorConfigurationContext(chatHistory) { Kernel = kernel });
        if (configuration.Choice != FunctionChoice.Auto && configuration.Choice != FunctionChoice.Required) return ([], false);
        return (configuration.Functions?.ToArray() ?? [], configuration.AutoInvoke);
    }

    /// <summary>
    /// The request to plan: the last user message, joined to the one before it when the planner's last word was a
    /// clarifying question — so "refund o_12" … "$40" is planned as one request.
    /// </summary>
    private static string? RequestText(ChatHistory chatHistory)
    {
        var last = -1;
        for (var i = chatHistory.Count - 1; i >= 0 && last < 0; i--)
            if (chatHistory[i].Role == AuthorRole.User) last = i;
        if (last < 0) return null;
        var message = chatHistory[last].Content;
        if (last < 2 || !IsQuestion(chatHistory[last - 1]) || chatHistory[last - 2].Role != AuthorRole.User) return message;
        return $"{chatHistory[last - 2].Content} {message}";
    }

    private static bool IsQuestion(ChatMessageContent message) =>
        message.Role == AuthorRole.Assistant && message.Metadata?.ContainsKey(QuestionMetadataKey) == true;

    private static ChatMessageContent Reply(string text) => new(AuthorRole.Assistant, text) { ModelId = ModelId };

    private static ChatMessageContent Question(string text) =>
        new(AuthorRole.Assistant, text, ModelId, metadata: new Dictionary<string, object?> { [QuestionMetadataKey] = true });
}
