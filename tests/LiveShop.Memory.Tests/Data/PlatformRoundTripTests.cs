using System.Text.Json;
using LiveShop.Memory.Data.Entities.Knowledge;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pgvector;
using Pgvector.EntityFrameworkCore;

namespace LiveShop.Memory.Tests.Data;

public sealed class PlatformRoundTripTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Agent_task_round_trips_its_json_parts_with_the_contract_keys()
    {
        var task = new AgentTask
        {
            TaskId = Guid.NewGuid(), OwnerAgent = "ads_optimizer", RiskLevel = "L2", Status = "awaiting_approval",
            DoneDefinition = "ad set as_7 budget raised or the raise refused",
            Inputs = new TaskInputs { Links = ["https://ads.example/as_7"], Files = [], Records = ["ad_set:as_7"] },
            RequiredTools = ["scale_ad_set", "analyze_data"],
            Constraints = new TaskConstraints { Budget = 600.50m, TimeLimit = TimeSpan.FromMinutes(15), Policy = "sha256:abc" },
            Outputs = new TaskOutputs { RecordsUpdated = ["ad_set:as_7"], Messages = ["asked for approval"] },
            AuditLog =
            [
                new TaskAuditEntry { Timestamp = BusinessRecords.Now, Tool = "Ads-scale_ad_set", Action = "propose", Result = "require_approval" },
                new TaskAuditEntry { Timestamp = BusinessRecords.Now.AddMinutes(1), Tool = "approvals", Action = "request", Result = "pending" },
            ],
            CreatedAt = BusinessRecords.Now, UpdatedAt = BusinessRecords.Now.AddMinutes(1),
        };
        await using (var write = database.CreateContext())
        {
            write.AgentTasks.Add(task);
            await write.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var loaded = await read.AgentTasks.SingleAsync(t => t.TaskId == task.TaskId);
        Assert.Equal(["https://ads.example/as_7"], loaded.Inputs.Links);
        Assert.Equal(["ad_set:as_7"], loaded.Inputs.Records);
        Assert.Equal(["scale_ad_set", "analyze_data"], loaded.RequiredTools);
        Assert.Equal(600.50m, loaded.Constraints.Budget);
        Assert.Equal(TimeSpan.FromMinutes(15), loaded.Constraints.TimeLimit);
        Assert.Equal(["asked for approval"], loaded.Outputs.Messages);
        Assert.Equal(2, loaded.AuditLog.Count);
        Assert.Equal(BusinessRecords.Now.AddMinutes(1), loaded.AuditLog[1].Timestamp);
        Assert.Equal("require_approval", loaded.AuditLog[0].Result);

        var awaiting = await read.AgentTasks.Where(t => t.Status == "awaiting_approval" && t.TaskId == task.TaskId).CountAsync();
        Assert.Equal(1, awaiting);

        using var raw = JsonDocument.Parse(await ScalarAsync<string>(
            "SELECT jsonb_build_object('inputs', inputs, 'constraints', constraints, 'outputs', outputs, 'audit_log', audit_log)::text FROM agent_tasks WHERE task_id = $1",
            task.TaskId));
        Assert.Equal("ad_set:as_7", raw.RootElement.GetProperty("inputs").GetProperty("records")[0].GetString());
        Assert.Equal(600.50m, raw.RootElement.GetProperty("constraints").GetProperty("budget").GetDecimal());
        Assert.True(raw.RootElement.GetProperty("constraints").TryGetProperty("time_limit", out _));
        Assert.Equal("ad_set:as_7", raw.RootElement.GetProperty("outputs").GetProperty("records_updated")[0].GetString());
        Assert.Equal("Ads-scale_ad_set", raw.RootElement.GetProperty("audit_log")[0].GetProperty("tool").GetString());
    }

    [Fact]
    public async Task Agent_task_with_an_unknown_status_is_refused()
    {
        await using var context = database.CreateContext();
        context.AgentTasks.Add(new AgentTask
        {
            TaskId = Guid.NewGuid(), OwnerAgent = "cfo", RiskLevel = "L0", Status = "sleeping", DoneDefinition = "—",
            CreatedAt = BusinessRecords.Now, UpdatedAt = BusinessRecords.Now,
        });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.Equal("ck_agent_tasks_status", Assert.IsType<PostgresException>(error.InnerException).ConstraintName);
    }

    [Fact]
    public async Task Approval_round_trips_and_a_second_concurrent_decision_loses()
    {
        var approval = new Approval
        {
            Id = Guid.NewGuid(), ActionId = "act_1", ActionName = "refund_order",
            Parameters = JsonDocument.Parse("""{"order_id":"o_1042","amount":120.00,"reason":"damaged"}"""),
            ArgumentsHash = "9f2c", RiskLevel = "L2", RequiredApprover = "any_approver", RequestedBy = "agent:support",
            RequestedAt = BusinessRecords.Now, ExpiresAt = BusinessRecords.Now.AddHours(24), Status = "pending",
            Verdict = JsonDocument.Parse("""{"decision":"require_approval","risk_level":"L2"}"""),
        };
        await using (var write = database.CreateContext())
        {
            write.Approvals.Add(approval);
            await write.SaveChangesAsync();
            Assert.NotEqual(0u, approval.RowVersion);
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var mine = await first.Approvals.SingleAsync(a => a.Id == approval.Id);
        var theirs = await second.Approvals.SingleAsync(a => a.Id == approval.Id);
        Assert.Equal("o_1042", mine.Parameters.RootElement.GetProperty("order_id").GetString());
        Assert.Equal(120.00m, mine.Parameters.RootElement.GetProperty("amount").GetDecimal());
        Assert.Equal("require_approval", mine.Verdict.RootElement.GetProperty("decision").GetString());

        mine.Status = "approved";
        mine.DecidedBy = "founder@example.com";
        mine.DecidedAt = BusinessRecords.Now.AddMinutes(5);
        await first.SaveChangesAsync();

        theirs.Status = "rejected";
        theirs.DecidedBy = "approver@example.com";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var read = database.CreateContext();
        var decided = await read.Approvals.SingleAsync(a => a.Id == approval.Id);
        Assert.Equal("approved", decided.Status);
        Assert.Equal("founder@example.com", decided.DecidedBy);
    }

    [Fact]
    public async Task Knowledge_chunk_round_trips_its_vector_and_is_found_by_cosine_and_full_text_search()
    {
        var document = new KnowledgeDocument
        {
            Id = Guid.NewGuid(), Source = "policies/refunds.md", Title = "Refund policy", DocType = "policy",
            Tags = ["refunds", "support"], ContentHash = "sha256:1", IngestedAt = BusinessRecords.Now,
            Chunks =
            [
                Chunk(0, "Damaged items are refunded in full within 30 days.", axis: 0),
                Chunk(1, "Shipping labels are printed at the warehouse each morning.", axis: 1),
            ],
        };
        await using (var write = database.CreateContext())
        {
            write.KnowledgeDocuments.Add(document);
            await write.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var stored = await read.KnowledgeChunks.SingleAsync(c => c.DocumentId == document.Id && c.Position == 0);
        Assert.Equal(KnowledgeChunk.EmbeddingDimensions, stored.Embedding.ToArray().Length);
        Assert.Equal(document.Chunks[0].Embedding.ToArray(), stored.Embedding.ToArray());
        Assert.Equal(["refunds", "support"], (await read.KnowledgeDocuments.SingleAsync(d => d.Id == document.Id)).Tags);

        var query = UnitVector(axis: 0, tilt: 0.1f);
        var nearest = await read.KnowledgeChunks
            .Where(c => c.DocumentId == document.Id)
            .OrderBy(c => c.Embedding.CosineDistance(query))
            .Select(c => c.Position)
            .FirstAsync();
        Assert.Equal(0, nearest);

        var matches = await read.KnowledgeChunks
            .Where(c => c.DocumentId == document.Id && c.SearchVector.Matches(EF.Functions.PlainToTsQuery("english", "refund damaged")))
            .Select(c => c.Position)
            .ToListAsync();
        Assert.Equal([0], matches);
    }

    private static KnowledgeChunk Chunk(int position, string content, int axis) => new()
    {
        Position = position, HeadingPath = "Refunds", Content = content,
        Embedding = UnitVector(axis, tilt: 0f), EmbeddingModel = "all-MiniLM-L6-v2",
    };

    private static Vector UnitVector(int axis, float tilt)
    {
        var values = new float[KnowledgeChunk.EmbeddingDimensions];
        values[axis] = 1f;
        values[^1] = tilt;
        return new Vector(values);
    }

    private async Task<T> ScalarAsync<T>(string sql, object parameter)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
