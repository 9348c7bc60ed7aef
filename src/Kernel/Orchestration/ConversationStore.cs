using System.Text.Json;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Kernel.Orchestration;

/// <summary>What a turn leaves in its conversation.</summary>
public sealed record PersistedTurn(Guid ConversationId, bool IsNewConversation, string User, string UserMessage, string Persona, string? Reply, IReadOnlyList<ChatAction> Actions);

/// <summary>Conversations and their messages in the database: who may continue one, the history a model sees, what a turn left.</summary>
public sealed class ConversationStore(IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time)
{
    /// <summary>How many earlier messages a model sees; older ones stay in the database but not in the prompt.</summary>
    public const int HistoryWindow = 40;

    /// <summary>The enabled user with this email, or null.</summary>
    public async Task<User?> FindUserAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email.Trim().ToLower(), cancellationToken);
        return user is { Disabled: false } ? user : null;
    }

    /// <summary>
    /// The enabled user with <paramref name="email"/> and, when continuing <paramref name="conversationId"/> (allowed for
    /// its starter and the founder), its earlier user and assistant messages, oldest first — reads only, one connection.
    /// </summary>
    public async Task<(User User, IReadOnlyList<ConversationMessage> Earlier)> OpenAsync(string email, Guid? conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email.Trim().ToLower(), cancellationToken);
        if (user is null || user.Disabled)
            throw new ChatTurnException(ChatTurnError.UnknownUser, $"'{email}' is not an enabled user");
        if (conversationId is not { } existing) return (user, []);

        var startedBy = await db.Conversations.AsNoTracking().Where(c => c.Id == existing).Select(c => c.StartedBy).SingleOrDefaultAsync(cancellationToken);
        if (startedBy is null || (startedBy != user.Email && user.Role != "founder"))
            throw new ChatTurnException(ChatTurnError.UnknownConversation, $"no conversation {existing} that {user.Email} may continue");
        var window = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == existing && (m.Role == "user" || m.Role == "assistant"))
            .OrderByDescending(m => m.Id).Take(HistoryWindow).ToListAsync(cancellationToken);
        window.Reverse();
        return (user, window);
    }

    /// <summary>
    /// Stores a turn in one transaction: the conversation when new, the user's message, the tool calls (role <c>tool</c>:
    /// function, arguments and outcome as JSON) and the reply (none when the model failed).
    /// </summary>
    public async Task RecordTurnAsync(PersistedTurn turn, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (turn.IsNewConversation)
            db.Conversations.Add(new Conversation { Id = turn.ConversationId, Title = Title(turn.UserMessage), StartedBy = turn.User, CreatedAt = now });
        db.ConversationMessages.Add(new ConversationMessage
        {
            ConversationId = turn.ConversationId, Role = "user", Author = turn.User, Content = turn.UserMessage, CreatedAt = now,
        });
        foreach (var action in turn.Actions)
        {
            db.ConversationMessages.Add(new ConversationMessage
            {
                ConversationId = turn.ConversationId, Role = "tool", Author = action.CalledAs, Persona = turn.Persona,
                Content = StoredToolCall.Serialize(action), CreatedAt = now,
            });
        }
        if (turn.Reply is not null)
        {
            db.ConversationMessages.Add(new ConversationMessage
            {
                ConversationId = turn.ConversationId, Role = "assistant", Author = turn.Persona, Persona = turn.Persona, Content = turn.Reply, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A conversation as the chat shows it, oldest first: user messages and replies, each reply carrying the tool calls of
    /// its turn (a turn whose model failed gets an empty reply so its calls still show).
    /// </summary>
    public async Task<IReadOnlyList<TranscriptMessage>> ReadTranscriptAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Role != "system")
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var transcript = new List<TranscriptMessage>();
        var pending = new List<ChatAction>();
        string? pendingPersona = null;
        void FlushCalls()
        {
            if (pending.Count == 0) return;
            transcript.Add(new TranscriptMessage("assistant", pendingPersona, "", [.. pending]));
            pending.Clear();
        }
        foreach (var message in stored)
        {
            switch (message.Role)
            {
                case "tool":
                    pending.Add(StoredToolCall.Read(message.Content));
                    pendingPersona = message.Persona;
                    break;
                case "assistant":
                    transcript.Add(new TranscriptMessage("assistant", message.Persona, message.Content, [.. pending]));
                    pending.Clear();
                    break;
                default:
                    FlushCalls();
                    transcript.Add(new TranscriptMessage(message.Role, message.Persona, message.Content, []));
                    break;
            }
        }
        FlushCalls();
        return transcript;
    }

    /// <summary>The history a persona's model sees: its system prompt, the earlier user and assistant messages, the new message.</summary>
    public static ChatHistory HistoryFor(string systemPrompt, IReadOnlyList<ConversationMessage> earlier, string message)
    {
        var history = new ChatHistory(systemPrompt);
        foreach (var m in earlier)
        {
            if (m.Role == "user") history.AddUserMessage(m.Content);
            else history.AddAssistantMessage(m.Content);
        }
        history.AddUserMessage(message);
        return history;
    }

    private static string Title(string message)
    {
        var line = message.Trim().Split('\n')[0];
        return line.Length <= 80 ? line : line[..77] + "…";
    }
}
