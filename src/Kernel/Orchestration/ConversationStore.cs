using System.Text.Json;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel.ChatCompletion;

namespace LiveShop.Kernel.Orchestration;

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
    /// Starts a conversation (or checks <paramref name="user"/> may continue <paramref name="conversationId"/>: its starter
    /// or the founder), stores the user's message and returns the earlier messages, oldest first.
    /// </summary>
    public async Task<(Guid ConversationId, IReadOnlyList<ConversationMessage> Earlier)> OpenAsync(
        Guid? conversationId, User user, string message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        IReadOnlyList<ConversationMessage> earlier = [];
        Guid id;
        if (conversationId is { } existing)
        {
            var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == existing, cancellationToken);
            if (conversation is null || (conversation.StartedBy != user.Email && user.Role != "founder"))
                throw new ChatTurnException(ChatTurnError.UnknownConversation, $"no conversation {existing} that {user.Email} may continue");
            id = existing;
            var window = await db.ConversationMessages.AsNoTracking()
                .Where(m => m.ConversationId == id && (m.Role == "user" || m.Role == "assistant"))
                .OrderByDescending(m => m.Id).Take(HistoryWindow).ToListAsync(cancellationToken);
            window.Reverse();
            earlier = window;
        }
        else
        {
            id = Guid.NewGuid();
            db.Conversations.Add(new Conversation { Id = id, Title = Title(message), StartedBy = user.Email, CreatedAt = now });
        }
        db.ConversationMessages.Add(new ConversationMessage { ConversationId = id, Role = "user", Author = user.Email, Content = message, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return (id, earlier);
    }

    /// <summary>Stores a turn's tool calls (role <c>tool</c>: function, arguments and outcome as JSON) and the reply.</summary>
    public async Task RecordTurnAsync(Guid conversationId, string persona, string reply, IReadOnlyList<ChatAction> actions, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var action in actions)
        {
            db.ConversationMessages.Add(new ConversationMessage
            {
                ConversationId = conversationId, Role = "tool", Author = action.CalledAs, Persona = persona,
                Content = JsonSerializer.Serialize(action, JsonDefaults.Options), CreatedAt = now,
            });
        }
        db.ConversationMessages.Add(new ConversationMessage
        {
            ConversationId = conversationId, Role = "assistant", Author = persona, Persona = persona, Content = reply, CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
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
