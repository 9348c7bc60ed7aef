using Npgsql;

namespace LiveShop.Chat.Messaging.Surfaces;

/// <summary>One posted approval card: where it is (Slack channel + ts, Teams conversation + activity id) and what it shows.</summary>
public sealed record ApprovalCardPost(Guid ApprovalId, string Platform, string Channel, string MessageRef, string? ServiceUrl, string ShownStatus);

/// <summary>Every approval card posted on Slack or Teams, so a decision made anywhere can update all of them.</summary>
public sealed class ApprovalCardPosts(NpgsqlDataSource dataSource, TimeProvider time)
{
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
        command.Parameters.Add(new() { Value = post.ShownStatus });
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
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
        return posts;
    }

    /// <summary>Records the status a card now shows.</summary>
    public async Task MarkShownAsync(ApprovalCardPost post, string status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE approval_card_posts SET shown_status = $5, updated_at = $6
            WHERE approval_id = $1 AND platform = $2 AND channel = $3 AND message_ref = $4
            """);
        command.Parameters.Add(new() { Value = post.ApprovalId });
        command.Parameters.Add(new() { Value = post.Platform });
        command.Parameters.Add(new() { Value = post.Channel });
        command.Parameters.Add(new() { Value = post.MessageRef });
        command.Parameters.Add(new() { Value = status });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Pending approvals requested since <paramref name="since"/> with no card yet on <paramref name="platform"/>.</summary>
    public Task<IReadOnlyList<Guid>> UnpostedAsync(string platform, DateTimeOffset since, CancellationToken cancellationToken) => IdsAsync("""
        SELECT a.id FROM approvals a WHERE a.status = 'pending' AND a.expires_at > $2 AND a.requested_at >= $3
        AND NOT EXISTS (SELECT 1 FROM approval_card_posts p WHERE p.approval_id = a.id AND p.platform = $1) ORDER BY a.requested_at LIMIT 50
        """, platform, time.GetUtcNow(), since, cancellationToken);

    /// <summary>Approvals whose posted cards show a status other than the approval's current one.</summary>
    public async Task<IReadOnlyList<Guid>> StaleAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT DISTINCT p.approval_id FROM approval_card_posts p JOIN approvals a ON a.id = p.approval_id
            WHERE p.shown_status <> a.status LIMIT 50
            """);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private async Task<IReadOnlyList<Guid>> IdsAsync(string sql, string platform, DateTimeOffset now, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = platform });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = since });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
