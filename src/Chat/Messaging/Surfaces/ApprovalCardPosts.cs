using LiveShop.Kernel.Approvals;
using Npgsql;

namespace LiveShop.Chat.Messaging.Surfaces;

/// <summary>One posted approval card: where it is (Slack channel + ts, Teams conversation + activity id) and what it shows.</summary>
public sealed record ApprovalCardPost(Guid ApprovalId, string Platform, string Channel, string MessageRef, string? ServiceUrl, ApprovalStatus ShownStatus);

/// <summary>
/// Every approval card posted on a chat platform, so a decision made anywhere can update all of them. Owns
/// <c>approval_card_posts</c>; what an approval itself says comes from <see cref="ApprovalStore"/>.
/// </summary>
public sealed class ApprovalCardPosts(NpgsqlDataSource dataSource, ApprovalStore approvals, TimeProvider time)
{
    private const int BatchSize = 50;

    // Requests expire (after a day by default), so the unexpired pending ones are few; this only bounds a pathological backlog.
    private const int PendingScan = 10_000;

    private static readonly string[] OpenStatuses = [ApprovalStatus.Pending.Code(), ApprovalStatus.Approved.Code()];

    /// <summary>Records a posted card.</summary>
    public async Task AddAsync(ApprovalCardPost post, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO approval_card_posts (approval_id, platform, channel, message_ref, service_url, shown_status, posted_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new() { Value = post.ApprovalId });
        command.Parameters.Add(new() { Value = post.Platform });
        command.Parameters.Add(new() { Value = post.Channel });
        command.Parameters.Add(new() { Value = post.MessageRef });
        command.Parameters.Add(new() { Value = (object?)post.ServiceUrl ?? DBNull.Value });
        command.Parameters.Add(new() { Value = post.ShownStatus.Code() });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every card of an approval.</summary>
    public async Task<IReadOnlyList<ApprovalCardPost>> ForApprovalAsync(Guid approvalId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT approval_id, platform, channel, message_ref, service_url, shown_status FROM approval_card_posts WHERE approval_id = $1 ORDER BY posted_at");
        command.Parameters.Add(new() { Value = approvalId });
        var posts = new List<ApprovalCardPost>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            posts.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), ApprovalStatuses.Parse(reader.GetString(5))));
        return posts;
    }

    /// <summary>Records the status a card now shows.</summary>
    public async Task MarkShownAsync(ApprovalCardPost post, ApprovalStatus status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE approval_card_posts SET shown_status = $5, updated_at = $6
            WHERE approval_id = $1 AND platform = $2 AND channel = $3 AND message_ref = $4
            """);
        command.Parameters.Add(new() { Value = post.ApprovalId });
        command.Parameters.Add(new() { Value = post.Platform });
        command.Parameters.Add(new() { Value = post.Channel });
        command.Parameters.Add(new() { Value = post.MessageRef });
        command.Parameters.Add(new() { Value = status.Code() });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Pending approvals requested since <paramref name="since"/> with no card yet on <paramref name="platform"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> UnpostedAsync(string platform, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var pending = await approvals.PendingSinceAsync(since, time.GetUtcNow(), PendingScan, cancellationToken);
        if (pending.Count == 0) return [];
        await using var command = dataSource.CreateCommand("SELECT DISTINCT approval_id FROM approval_card_posts WHERE platform = $1 AND approval_id = ANY($2)");
        command.Parameters.Add(new() { Value = platform });
        command.Parameters.Add(new() { Value = pending.ToArray() });
        var posted = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) posted.Add(reader.GetGuid(0));
        return pending.Where(id => !posted.Contains(id)).Take(BatchSize).ToList();
    }

    /// <summary>Approvals whose posted cards show a status other than the approval's current one.</summary>
    public async Task<IReadOnlyList<Guid>> StaleAsync(CancellationToken cancellationToken)
    {
        // Only a card showing an open status (pending, or approved and not yet run) can fall behind: the others are final.
        await using var command = dataSource.CreateCommand("SELECT DISTINCT approval_id, shown_status FROM approval_card_posts WHERE shown_status = ANY($1)");
        command.Parameters.Add(new() { Value = OpenStatuses });
        var shown = new List<(Guid Id, string Status)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) shown.Add((reader.GetGuid(0), reader.GetString(1)));
        if (shown.Count == 0) return [];
        var current = (await approvals.StatesAsync(shown.Select(s => s.Id).Distinct().ToList(), cancellationToken)).ToDictionary(a => a.ApprovalId, a => a.Status.Code());
        return shown.Where(s => current.TryGetValue(s.Id, out var now) && now != s.Status).Select(s => s.Id).Distinct().Take(BatchSize).ToList();
    }
}
