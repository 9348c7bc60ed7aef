namespace LiveShop.Kernel.Verification.Facts;

/// <summary>Supplies the business facts an action is verified against; facts come from the state store, never from the agent.</summary>
public interface IFactsProvider
{
    /// <summary>The facts relevant to <paramref name="packet"/>, as of now.</summary>
    ValueTask<BusinessFacts> GetFactsAsync(ActionPacket packet, CancellationToken cancellationToken);
}

/// <summary>Facts from a fixed state snapshot (the CLI's <c>--state</c>, tests, what-ifs).</summary>
public sealed class SnapshotFactsProvider : IFactsProvider
{
    private readonly BusinessFacts _facts;

    /// <summary>Indexes the snapshot once; every request gets the same facts.</summary>
    public SnapshotFactsProvider(StateSnapshot snapshot) => _facts = BusinessFacts.From(snapshot);

    /// <summary>Serves already indexed facts.</summary>
    public SnapshotFactsProvider(BusinessFacts facts) => _facts = facts;

    /// <inheritdoc />
    public ValueTask<BusinessFacts> GetFactsAsync(ActionPacket packet, CancellationToken cancellationToken) => ValueTask.FromResult(_facts);
}
