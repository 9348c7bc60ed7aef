using System.Text.Json;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Database;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.SemanticKernel.ChatCompletion;
using Npgsql;

namespace LiveShop.Kernel.Orchestration;

/// <summary>What a turn leaves in its conversation (<paramref name="GoalId"/>: the goal a goal turn recorded, kept with its reply).</summary>
public sealed record PersistedTurn(
    Guid ConversationId, bool IsNewConversation, string User, string UserMessage, string Persona, string? Reply, IReadOnlyList<ChatAction> Actions, Guid? GoalId = null);

/// <summary>A conversation as a list shows it.</summary>
public sealed record ConversationSummary(Guid Id, string Title);

/// <summary>
/// Conversations and their messages in the database: who may continue one, the history a model sees, what a turn left.
/// A turn's reads and its writes are one round trip each, in plain SQL (no change tracking on the chat's hot path).
/// </summary>
public sealed class ConversationStore(IDbContextFactory<LiveShopDbContext> contexts, NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>How many earlier messages a model sees; older ones stay in the database but not in the prompt.</summary>
    public const int HistoryWindow = 40;

    // A turn's reads and its writes go over the hot-path connections beside the business data source (found once, not per turn).
    private readonly NpgsqlDataSource _snapshotReads = LiveShopDataSource.SnapshotReadsOf(dataSource);
    private readonly NpgsqlDataSource _writes = LiveShopDataSource.HotPathWritesOf(dataSource);

    /// <summary>The enabled user with this email, or null.</summary>
    public async Task<User?> FindUserAsync(string email, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email.Trim().ToLower(), cancellationToken);
        return user is { Disabled: false } ? user : null;
    }

    /// <summary>
    /// The enabled user with <paramref name="email"/> and, when continuing <paramref name="conversationId"/> (allowed for
    /// its starter and the founder), its earlier user and assistant messages, oldest first — reads only, one round trip.
    /// </summary>
    public async Task<(User User, IReadOnlyList<ConversationMessage> Earlier)> OpenAsync(string email, Guid? conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await _snapshotReads.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(
            "SELECT id, email, display_name, role, created_at, disabled, password_hash, security_stamp FROM users WHERE email = $1",
            email.Trim().ToLower()));
        if (conversationId is { } id)
        {
            // One snapshot is not needed: a conversation's starter never changes and its messages are only appended.
            batch.BatchCommands.Add(Command("SELECT started_by FROM conversations WHERE id = $1", id));
            batch.BatchCommands.Add(Command(
                "SELECT id, conversation_id, role, author, persona, content, created_at FROM conversation_messages " +
                "WHERE conversation_id = $1 AND role IN ('user', 'assistant') ORDER BY id DESC LIMIT $2", id, HistoryWindow));
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var user = await reader.ReadAsync(cancellationToken) ? ReadUser(reader) : null;
        if (user is null || user.Disabled)
            throw new ChatTurnException(ChatTurnError.UnknownUser, $"'{email}' is not an enabled user");
        if (conversationId is not { } existing) return (user, []);

        await reader.NextResultAsync(cancellationToken);
        var startedBy = await reader.ReadAsync(cancellationToken) ? reader.GetString(0) : null;
        if (startedBy is null || (startedBy != user.Email && user.Role != "founder"))
            throw new ChatTurnException(ChatTurnError.UnknownConversation, $"no conversation {existing} that {user.Email} may continue");
        await reader.NextResultAsync(cancellationToken);
        var window = new List<ConversationMessage>(HistoryWindow);
        while (await reader.ReadAsync(cancellationToken))
        {
            window.Add(new ConversationMessage
            {
                Id = reader.GetInt64(0), ConversationId = reader.GetGuid(1), Role = reader.GetString(2), Author = reader.GetString(3),
                Persona = reader.IsDBNull(4) ? null : reader.GetString(4), Content = reader.GetString(5),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(6),
            });
        }
        window.Reverse();
        return (user, window);
    }

    /// <summary>
    /// Stores a turn atomically in one round trip (one batch is one implicit transaction): the conversation when new, the
    /// user's message, the tool calls (role <c>tool</c>: function, arguments and outcome as JSON) and the reply (none
    /// when the model failed), in that order.
    /// </summary>
    public async Task RecordTurnAsync(PersistedTurn turn, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await _writes.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (turn.IsNewConversation)
            batch.BatchCommands.Add(Command("INSERT INTO conversations (id, title, started_by, created_at) VALUES ($1, $2, $3, $4)",
                turn.ConversationId, Title(turn.UserMessage), turn.User, now));
        batch.BatchCommands.Add(Message(turn.ConversationId, "user", turn.User, null, turn.UserMessage, now));
        foreach (var action in turn.Actions)
            batch.BatchCommands.Add(Message(turn.ConversationId, "tool", action.CalledAs, turn.Persona, StoredToolCall.Serialize(action), now));
        if (turn.Reply is not null)
            batch.BatchCommands.Add(Message(turn.ConversationId, "assistant", turn.Persona, turn.Persona, turn.Reply, now, turn.GoalId));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The conversations <paramref name="email"/> started, newest first, as the chat's list shows them.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> StartedByAsync(string email, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking().Where(c => c.StartedBy == email).OrderByDescending(c => c.CreatedAt).Take(limit)
            .Select(c => new ConversationSummary(c.Id, c.Title)).ToListAsync(cancellationToken);
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
            transcript.Add(new TranscriptMessage("assistant", pendingPersona, "", [.. pending], null));
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
                    transcript.Add(new TranscriptMessage("assistant", message.Persona, message.Content, [.. pending], message.GoalId));
                    pending.Clear();
                    break;
                default:
                    FlushCalls();
                    transcript.Add(new TranscriptMessage(message.Role, message.Persona, message.Content, [], null));
                    break;
            }
        }
        FlushCalls();
        return transcript;
    }

    private static NpgsqlBatchCommand Message(Guid conversationId, string role, string author, string? persona, string content, DateTimeOffset at, Guid? goalId = null)
    {
        var command = Command("INSERT INTO conversation_messages (conversation_id, role, author, persona, content, created_at, goal_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            conversationId, role, author, (object?)persona ?? DBNull.Value, content, at);
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = goalId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return command;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
        return command;
    }

    private static User ReadUser(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0), Email = reader.GetString(1), DisplayName = reader.GetString(2), Role = reader.GetString(3),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(4), Disabled = reader.GetBoolean(5),
        PasswordHash = reader.IsDBNull(6) ? null : reader.GetString(6), SecurityStamp = reader.IsDBNull(7) ? null : reader.GetString(7),
    };

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
