using LiveShop.Kernel.Functions;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Functions;

public sealed class EventStoreFunctionAuditTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Refusal_is_appended_to_the_event_store_as_FunctionRefused()
    {
        var events = new EventStore(database.DataSource, TimeProvider.System);
        var audit = new EventStoreFunctionAudit(events, TimeProvider.System);
        var before = await events.CountAsync();

        await audit.RecordRefusalAsync(new FunctionRefusal
        {
            Function = "Commerce-refund_order", Plugin = "Commerce", Persona = "support_lead", RequestedBy = "user:sam",
            ToolCallId = "call_9", Reason = RefusalReason.OutsidePersona, Detail = "refused: outside the persona's set",
        });

        var stored = (await events.ReadAsync(before, 10)).Single();
        Assert.Equal("FunctionRefused", stored.Type);
        Assert.Equal("proof_filter", stored.Source);
        Assert.Equal("Commerce-refund_order", stored.Data.GetProperty("function").GetString());
        Assert.Equal("outside_persona", stored.Data.GetProperty("reason").GetString());
        Assert.Equal("support_lead", stored.Data.GetProperty("persona").GetString());
        Assert.Equal("call_9", stored.Data.GetProperty("tool_call_id").GetString());
        Assert.True((await events.VerifyChainAsync()).Intact);
    }

    [Fact]
    public async Task Refusal_without_persona_or_tool_call_is_still_a_valid_event()
    {
        var events = new EventStore(database.DataSource, TimeProvider.System);
        var audit = new EventStoreFunctionAudit(events, TimeProvider.System);
        var before = await events.CountAsync();

        await audit.RecordRefusalAsync(new FunctionRefusal { Function = "wire_money", Reason = RefusalReason.NoCaller, Detail = "refused" });

        Assert.Equal(before + 1, await events.CountAsync());
    }
}
