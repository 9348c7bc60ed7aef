using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Approvals;

/// <summary>The approval tests' set-up: a gateway over a scenario's facts whose refunds are counted, and refunds that need approval.</summary>
internal static class RefundApprovals
{
    /// <summary>A harness whose only executor counts the refunds it runs.</summary>
    public static async Task<(GatewayHarness Harness, CountingExecutor Refunds)> CreateAsync(TestDatabase database, Scenario scenario)
    {
        var refunds = new CountingExecutor("refund_order");
        return (await GatewayHarness.CreateAsync(database, new ChangingFacts(scenario.Snapshot), [refunds]), refunds);
    }

    // Each request is a new one: an identical packet under the same (derived) idempotency key answers the earlier
    // execution instead of asking again, and the tests of a class share one database.
    /// <summary>A refund on order o_1 with its own idempotency key.</summary>
    public static ActionPacket Refund(decimal amount, string requestedBy = "agent:returns_refunds") =>
        ActionPacket.Create("refund_order", new { order_id = "o_1", amount, reason = "damaged" })
            with { RequestedBy = requestedBy, IdempotencyKey = Guid.NewGuid().ToString() };
}
