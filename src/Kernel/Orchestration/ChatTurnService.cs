using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Personas.Goals;
using LiveShop.Kernel.Personas.Routing;
using LiveShop.Kernel.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Kernel.Orchestration;

/// <summary>
/// One chat turn end to end: user check → persona (explicit, <c>@name</c> or routed) → goal intake, or the persona's
/// kernel with the conversation's history and automatic function calling (every call through the proof filter) →
/// reply plus the actions the filter journaled, all persisted. The same turn serves <c>POST /api/chat</c>, the CLI,
/// the web chat (streamed) and the task worker.
/// </summary>
public sealed partial class ChatTurnService(
    ConversationStore conversations,
    KernelFactory kernels,
    IPersonaRouter router,
    GoalIntake goals,
    IChatCompletionService model,
    ChatModelDescriptor modelInfo,
    IFunctionAudit audit,
    PolicyInForce policies,
    ILogger<ChatTurnService> logger)
{
    /// <summary>Longest message accepted, in characters.</summary>
    public const int MaxMessageLength = 16_000;

    private static readonly PromptExecutionSettings AutoFunctionCalling = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

    /// <summary>The model answering, for labels.</summary>
    public ChatModelDescriptor Model => modelInfo;

    /// <summary>Whether <paramref name="email"/> names an enabled user (the callers' authentication check until sign-in lands).</summary>
    public async Task<bool> IsEnabledUserAsync(string email, CancellationToken cancellationToken = default) =>
        await conversations.FindUserAsync(email, cancellationToken) is not null;

    /// <summary>Runs a turn and returns the complete answer.</summary>
    public async Task<ChatTurnResult> RunAsync(ChatTurnRequest request, CancellationToken cancellationToken = default)
    {
        var turn = await BeginAsync(request, cancellationToken);
        if (turn.Plan is { } plan) return await FinishGoalAsync(turn, plan, cancellationToken);
        ChatMessageContent answer;
        try
        {
            answer = await model.GetChatMessageContentAsync(turn.History, AutoFunctionCalling, turn.Kernel, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordFailureAsync(turn, e);
            throw;
        }
        var text = answer.Role == AuthorRole.Assistant ? answer.Content : null;
        return await CompleteAsync(turn, text, cancellationToken);
    }

    /// <summary>Runs a turn, yielding the reply's text as the model streams it and, last, the complete answer.</summary>
    public async IAsyncEnumerable<ChatTurnUpdate> StreamAsync(ChatTurnRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var turn = await BeginAsync(request, cancellationToken);
        var persona = turn.Persona.Name;
        if (turn.Plan is { } plan)
        {
            yield return new ChatTurnUpdate { Persona = persona, Result = await FinishGoalAsync(turn, plan, cancellationToken) };
            yield break;
        }
        var text = new StringBuilder();
        await using var chunks = model.GetStreamingChatMessageContentsAsync(turn.History, AutoFunctionCalling, turn.Kernel, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            StreamingChatMessageContent chunk;
            try
            {
                if (!await chunks.MoveNextAsync()) break;
                chunk = chunks.Current;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await RecordFailureAsync(turn, e);
                throw;
            }
            if (string.IsNullOrEmpty(chunk.Content) || (chunk.Role is { } role && role != AuthorRole.Assistant)) continue;
            text.Append(chunk.Content);
            yield return new ChatTurnUpdate { Persona = persona, TextDelta = chunk.Content };
        }
        yield return new ChatTurnUpdate { Persona = persona, Result = await CompleteAsync(turn, text.ToString(), cancellationToken) };
    }

    private sealed record Turn(Guid ConversationId, bool IsNew, string User, string Message, Persona Persona, Microsoft.SemanticKernel.Kernel Kernel, ChatHistory History, int FirstNewIndex, GoalPlan? Plan)
    {
        public PersistedTurn Persisted(string? reply, IReadOnlyList<ChatAction> actions, Guid? goalId = null) =>
            new(ConversationId, IsNew, User, Message, Persona.Name, reply, actions, goalId);
    }

    private async Task<Turn> BeginAsync(ChatTurnRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Message))
            throw new ChatTurnException(ChatTurnError.InvalidInput, "message must not be empty");
        if (request.Message.Length > MaxMessageLength)
            throw new ChatTurnException(ChatTurnError.InvalidInput, $"message is longer than {MaxMessageLength} characters");
        if (string.IsNullOrWhiteSpace(request.User))
            throw new ChatTurnException(ChatTurnError.InvalidInput, "user must name the signed-in user");
        PersonaRoute route;
        try
        {
            route = await router.RouteAsync(request.Message, string.IsNullOrWhiteSpace(request.Persona) ? null : request.Persona, cancellationToken);
        }
        catch (UnknownPersonaException e)
        {
            throw new ChatTurnException(ChatTurnError.UnknownPersona, e.Message);
        }
        var message = string.IsNullOrWhiteSpace(route.Message) ? request.Message.Trim() : route.Message;
        var plan = request.AllowGoals ? goals.TryPlan(message) : null;

        var (user, earlier) = await conversations.OpenAsync(request.User, request.ConversationId, cancellationToken);
        // The persona proposes; the user is who it acts for (so the founder can confirm what an agent proposed for them). The
        // user's role bounds what the turn may read; what it may request is checked by the pipeline, which names the role.
        var roles = (await policies.GetAsync(cancellationToken)).Roles;
        var kernel = kernels.CreateForPersona(route.Persona.Name, onBehalfOf: user.Email, onlyFunctions: request.OnlyFunctions,
            mayRead: roles.MayRead(user.Role, RolePolicy.Everything) ? null : function => roles.MayRead(user.Role, function));
        var history = ConversationStore.HistoryFor(route.Persona.SystemPrompt, earlier, message);
        return new Turn(request.ConversationId ?? Guid.NewGuid(), request.ConversationId is null, user.Email, request.Message, route.Persona, kernel, history, history.Count, plan);
    }

    private async Task<ChatTurnResult> FinishGoalAsync(Turn turn, GoalPlan plan, CancellationToken cancellationToken)
    {
        await goals.SaveAsync(plan, turn.User, cancellationToken);
        var reply = GoalIntake.Describe(plan);
        await conversations.RecordTurnAsync(turn.Persisted(reply, [], plan.GoalId), cancellationToken);
        LogGoal(plan.GoalId, plan.Tasks.Count, turn.User);
        return new ChatTurnResult
        {
            ConversationId = turn.ConversationId, Persona = turn.Persona.Name, Reply = reply, Actions = [], GoalId = plan.GoalId, Model = modelInfo.Label,
        };
    }

    private async Task<ChatTurnResult> CompleteAsync(Turn turn, string? modelText, CancellationToken cancellationToken)
    {
        var journal = FunctionCallJournal.Of(turn.Kernel)!;
        var calls = TurnToolCalls.Read(turn.History, turn.FirstNewIndex);
        var caller = CallerIdentity.Of(turn.Kernel)!;
        foreach (var call in TurnToolCalls.NotInKernel(calls, turn.Kernel))
        {
            var refusal = TurnToolCalls.RefusalFor(call, caller, kernels.Declarations);
            journal.Add(new FunctionCallRecord { Function = refusal.Function, Refusal = refusal, Message = refusal.Detail });
            LogUnresolvedCall(refusal.Function, refusal.ReasonCode, caller.Persona);
            await audit.RecordRefusalAsync(refusal, cancellationToken);
        }

        var argumentsByCall = calls.Where(c => c.Id is not null).GroupBy(c => c.Id!).ToDictionary(g => g.Key, g => g.First().Arguments);
        var actions = ChatActions.FromJournal(journal.Records, argumentsByCall);
        var reply = string.IsNullOrWhiteSpace(modelText) ? Summarise(actions) : modelText.Trim();
        await conversations.RecordTurnAsync(turn.Persisted(reply, actions), cancellationToken);
        return new ChatTurnResult
        {
            ConversationId = turn.ConversationId, Persona = turn.Persona.Name, Reply = reply, Actions = actions, Model = modelInfo.Label, FunctionCalls = calls.Count,
        };
    }

    // The user's message is kept even when the model fails, so the conversation shows what was asked.
    private async Task RecordFailureAsync(Turn turn, Exception failure)
    {
        LogModelFailure(failure, turn.Persona.Name);
        var actions = ChatActions.FromJournal(FunctionCallJournal.Of(turn.Kernel)!.Records);
        await conversations.RecordTurnAsync(turn.Persisted(null, actions), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The model failed during a turn of persona {Persona}")]
    private partial void LogModelFailure(Exception exception, string persona);

    // The turn ended on a tool result (e.g. an action now waits for approval): say what happened instead of nothing.
    private static string Summarise(IReadOnlyList<ChatAction> actions) =>
        actions.Count == 0 ? "(no reply)" : string.Join("\n", actions.Select(a => $"{a.Function}: {a.Message}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Goal {GoalId} recorded with {Tasks} task(s) for {User}")]
    private partial void LogGoal(Guid goalId, int tasks, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model called {Function} ({Reason}) as persona {Persona}; Semantic Kernel refused it, audited")]
    private partial void LogUnresolvedCall(string function, string reason, string persona);
}
