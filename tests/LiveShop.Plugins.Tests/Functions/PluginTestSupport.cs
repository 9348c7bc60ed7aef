using System.Collections.Concurrent;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Functions;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveShop.Plugins.Tests.Functions;

/// <summary>Contexts over a test database for plugins built without DI.</summary>
public sealed class TestContextFactory(TestDatabase database) : IDbContextFactory<LiveShopDbContext>
{
    public LiveShopDbContext CreateDbContext() => database.CreateContext();
}

/// <summary>A clock stopped at one instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Records packets and answers that the action executed.</summary>
public sealed class RecordingPipeline : IActionPipeline
{
    public ConcurrentQueue<ActionPacket> Packets { get; } = new();

    public Task<ActionOutcome> SubmitAsync(ActionPacket packet, CancellationToken cancellationToken = default)
    {
        Packets.Enqueue(packet);
        return Task.FromResult(new ActionOutcome
        {
            Packet = packet,
            Status = ActionStatus.Executed,
            Message = "done",
            Verdict = new Verdict
            {
                ActionId = packet.ActionId, Decision = Decision.Allow, RiskLevel = RiskLevel.L1, Approver = Approver.None, Reasons = [],
                Proof = new Proof
                {
                    PolicyVersion = "test", StateVersion = "test", Action = packet.ProposedAction, ParametersHash = "test",
                    InvariantChecks = [], IssuedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch,
                },
            },
        });
    }
}

/// <summary>Refusals kept in memory.</summary>
public sealed class RecordingAudit : IFunctionAudit
{
    public ConcurrentQueue<FunctionRefusal> Refusals { get; } = new();

    public Task RecordRefusalAsync(FunctionRefusal refusal, CancellationToken cancellationToken = default)
    {
        Refusals.Enqueue(refusal);
        return Task.CompletedTask;
    }
}

/// <summary>The memory plugin over a test database with the local embedding model.</summary>
public static class MemoryPlugins
{
    public static LiveShop.Plugins.Memory.MemoryPlugin Over(TestDatabase database) => new(
        new LiveShop.Memory.Knowledge.Retrieval.KnowledgeSearch(database.DataSource, LiveShop.Memory.Knowledge.Embeddings.LocalMiniLmEmbedder.Shared),
        new LiveShop.Memory.Learnings.MemoryStore(database.DataSource, LiveShop.Memory.Knowledge.Embeddings.LocalMiniLmEmbedder.Shared, TimeProvider.System));
}

/// <summary>A kernel factory over every product plugin, with one persona allowed all of them.</summary>
public sealed class ProductKernels
{
    public const string Operator = "operator";

    public ProductKernels(TestDatabase database, IDbContextFactory<LiveShopDbContext> contexts, TimeProvider time)
    {
        var personas = new PersonaFunctionPolicy(new Dictionary<string, IReadOnlyCollection<string>> { [Operator] = LiveShopPlugins.Names.ToArray() });
        Factory = new KernelFactory(LiveShopPlugins.Create(contexts, time, MemoryPlugins.Over(database)), personas, Pipeline, Audit, NullLoggerFactory.Instance);
    }

    public RecordingPipeline Pipeline { get; } = new();

    public RecordingAudit Audit { get; } = new();

    public KernelFactory Factory { get; }

    public Microsoft.SemanticKernel.Kernel Kernel() => Factory.CreateForPersona(Operator, "user:founder");
}
