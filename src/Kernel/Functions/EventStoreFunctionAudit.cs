using System.Text.Json;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Functions;

/// <summary>Writes each refused function call to the event store as a <c>FunctionRefused</c> event.</summary>
public sealed class EventStoreFunctionAudit(EventStore events, TimeProvider time) : IFunctionAudit
{
    /// <summary>The event type of a refusal.</summary>
    public const string EventType = "FunctionRefused";

    /// <summary>The <c>source</c> of the events this audit writes.</summary>
    public const string Source = "proof_filter";

    /// <inheritdoc />
    public async Task RecordRefusalAsync(FunctionRefusal refusal, CancellationToken cancellationToken = default)
    {
        var data = JsonSerializer.SerializeToElement(new
        {
            function = refusal.Function,
            plugin = refusal.Plugin,
            persona = refusal.Persona,
            requested_by = refusal.RequestedBy,
            tool_call_id = refusal.ToolCallId,
            reason = refusal.ReasonCode,
            detail = refusal.Detail,
        }, JsonDefaults.Options);
        await events.AppendAsync(new NewEvent(Guid.NewGuid(), EventType, time.GetUtcNow(), Source, data), cancellationToken);
    }
}
