using System.Text.Json;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Actions.Definitions.Refunds;

namespace LiveShop.Kernel.Gateway;

/// <summary>
/// Carries out one kind of action against a connector (the sandbox business or a real platform). Only the tool gateway
/// calls it, after the proof, approvals and idempotency claim are settled; an action with no executor is refused.
/// </summary>
public interface IActionExecutor
{
    /// <summary>The action name this executor carries out, e.g. <see cref="RefundOrderAction"/>.</summary>
    string Action { get; }

    /// <summary>Performs the action; throws when the connector fails (the gateway records the failure).</summary>
    Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken);
}

/// <summary>What an executor did: the connector's reference, a summary, and how to undo it where that is possible.</summary>
public sealed record ExecutionResult
{
    /// <summary>The connector's id for what happened (a refund id, a purchase order id).</summary>
    public required string ConnectorReference { get; init; }

    /// <summary>One sentence for people.</summary>
    public required string Summary { get; init; }

    /// <summary>Details worth keeping (previous values, amounts), as JSON.</summary>
    public JsonElement? Details { get; init; }

    /// <summary>The action that restores the previous state, when there is one.</summary>
    public ActionInverse? Inverse { get; init; }

    /// <summary>Why the action cannot be undone, when <see cref="Inverse"/> is null.</summary>
    public string? IrreversibleBecause { get; init; }
}

/// <summary>An action (with parameters) that undoes an executed one; it goes through the pipeline like any other.</summary>
public sealed record ActionInverse(string Action, JsonElement Parameters);

/// <summary>The executors of the host, one per action name.</summary>
public sealed class ExecutorRegistry
{
    private readonly Dictionary<string, IActionExecutor> _byAction = new(StringComparer.Ordinal);

    /// <summary>Indexes the executors; two for one action is a configuration error.</summary>
    public ExecutorRegistry(IEnumerable<IActionExecutor> executors)
    {
        foreach (var executor in executors)
            if (!_byAction.TryAdd(executor.Action, executor))
                throw new InvalidOperationException($"two executors are registered for {executor.Action}");
    }

    /// <summary>The action names that can be executed.</summary>
    public IReadOnlyCollection<string> Actions => _byAction.Keys;

    /// <summary>The executor for an action, or null (the gateway then fails closed).</summary>
    public IActionExecutor? Find(string action) => _byAction.GetValueOrDefault(action);
}
