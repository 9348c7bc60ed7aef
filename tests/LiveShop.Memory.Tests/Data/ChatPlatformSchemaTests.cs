using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Memory.Tests.Data;

/// <summary>The chat tables take any connector's code: the schema checks the shape of a platform code, not a list of connectors.</summary>
public sealed class ChatPlatformSchemaTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task LinkAsync(string platform, string externalUserId)
    {
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO chat_user_links (platform, external_user_id, user_email, linked_at) VALUES ($1, $2, 'founder@test.local', now())");
        command.Parameters.Add(new() { Value = platform });
        command.Parameters.Add(new() { Value = externalUserId });
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task No_check_constraint_names_a_chat_connector()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT conrelid::regclass::text || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace");
        var checks = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) checks.Add(reader.GetString(0));

        Assert.Contains(checks, c => c.StartsWith("chat_user_links: CHECK ((platform ~", StringComparison.Ordinal));
        Assert.DoesNotContain(checks, c => c.Contains("slack", StringComparison.OrdinalIgnoreCase) || c.Contains("teams", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_new_connectors_code_is_stored_and_a_malformed_one_is_refused()
    {
        await LinkAsync("discord", "D_1");
        await LinkAsync("google_chat", "G_1");

        foreach (var malformed in new[] { "", "Slack", "has space", "9lives" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => LinkAsync(malformed, $"X_{Guid.NewGuid():N}"));
            Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        }
    }
}
