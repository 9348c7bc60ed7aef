using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Tests.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Tests.Payments;

public sealed class StripeRefundTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private StripeHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await StripeHarness.CreateAsync(database);
        await _h.SetConnectionAsync(database, "connected");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static ActionPacket Refund(string orderId, decimal amount, string key) =>
        ActionPacket.Create("refund_order", new { order_id = orderId, amount, reason = "arrived damaged" }) with
        {
            IdempotencyKey = key, RequestedBy = "agent:returns_refunds",
        };

    private async Task<(int Rows, string? Id, string? OrderStatus)> RefundRowsAsync(string orderId)
    {
        await using var db = database.CreateContext();
        var rows = await db.Refunds.Where(r => r.OrderId == orderId).ToListAsync();
        return (rows.Count, rows.SingleOrDefault()?.Id, (await db.Orders.SingleAsync(o => o.Id == orderId)).Status);
    }

    [Fact]
    public async Task Refund_of_a_stripe_order_goes_to_stripe_with_the_gateway_idempotency_key_and_is_recorded_under_the_stripe_refund_id()
    {
        var orderId = await _h.OrderPaidThroughAsync(database, "stripe");
        var packet = Refund(orderId, 25.50m, "refund-" + orderId);

        var outcome = await _h.Gateway.Pipeline.SubmitAsync(packet);

        Assert.Equal(ActionStatus.Executed, outcome.Status);
        var request = Assert.Single(_h.Stripe.RefundRequests);
        Assert.Equal(ActionHashes.IdempotencyKey(packet), request.IdempotencyKey);
        Assert.Equal("2550", request.Form["amount"]);
        Assert.Equal("pi_" + orderId[2..], request.Form["payment_intent"]);
        Assert.Equal(orderId, request.Form["metadata[order_id]"]);
        var stripeRefund = Assert.Single(_h.Stripe.Refunds);
        var (rows, id, status) = await RefundRowsAsync(orderId);
        Assert.Equal(1, rows);
        Assert.Equal((string)stripeRefund["id"]!, id);
        Assert.StartsWith("re_", id);
        Assert.Equal("partially_refunded", status);
        Assert.Equal(1, await _h.Gateway.ScalarAsync(
            "SELECT count(*) FROM business_events WHERE type = 'RefundProcessed' AND source = 'stripe' AND data->>'refund_id' = $1", id!));
        Assert.Equal(1, await _h.Gateway.ScalarAsync(
            "SELECT count(*) FROM gateway_executions WHERE connector_reference = $1", id!));
    }

    [Fact]
    public async Task Fifty_concurrent_duplicate_submits_create_one_stripe_refund()
    {
        var orderId = await _h.OrderPaidThroughAsync(database, "stripe");
        var packet = Refund(orderId, 40m, "dup-" + orderId);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => _h.Gateway.Pipeline.SubmitAsync(packet with { ActionId = Guid.NewGuid().ToString() }))));

        Assert.All(outcomes, o => Assert.Equal(ActionStatus.Executed, o.Status));
        Assert.Single(_h.Stripe.Refunds);
        Assert.All(_h.Stripe.RefundRequests, r => Assert.Equal(ActionHashes.IdempotencyKey(packet), r.IdempotencyKey));
        Assert.Equal(1, (await RefundRowsAsync(orderId)).Rows);
    }

    [Fact]
    public async Task Rate_limited_refund_is_retried_with_the_same_key_and_refunds_once()
    {
        var orderId = await _h.OrderPaidThroughAsync(database, "stripe");
        _h.Stripe.FailNext(429, "invalid_request_error", "Too many requests hit the API too quickly.", retryAfter: "1");

        var outcome = await _h.Gateway.Pipeline.SubmitAsync(Refund(orderId, 30m, "rl-" + orderId));

        Assert.Equal(ActionStatus.Executed, outcome.Status);
        Assert.Equal(2, _h.Stripe.RefundRequests.Count);
        Assert.Single(_h.Stripe.RefundRequests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Single(_h.Stripe.Refunds);
        Assert.Equal(1, (await RefundRowsAsync(orderId)).Rows);
    }

    [Fact]
    public async Task Server_error_is_retried_and_refunds_once()
    {
        var orderId = await _h.OrderPaidThroughAsync(database, "stripe");
        _h.Stripe.FailNext(500, "api_error", "Something went wrong on Stripe's end.");

        var outcome = await _h.Gateway.Pipeline.SubmitAsync(Refund(orderId, 10m, "5xx-" + orderId));

        Assert.Equal(ActionStatus.Executed, outcome.Status);
        Assert.Equal(2, _h.Stripe.RefundRequests.Count);
        Assert.Single(_h.Stripe.Refunds);
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "Refund amount is greater than unrefunded amount on charge")]
    [InlineData(402, "card_error", "Your card was declined.")]
    public async Task Stripe_refusal_is_not_retried_and_the_gateway_records_the_failure_without_a_refund_row(int status, string type, string message)
    {
        var orderId = await _h.OrderPaidThroughAsync(database, "stripe");
        _h.Stripe.FailNext(status, type, message);

        var outcome = await _h.Gateway.Pipeline.SubmitAsync(Refund(orderId, 20m, $"refused-{status}-{orderId}"));

        Assert.Equal(ActionStatus.Failed, outcome.Status);
        Assert.Contains(message, outcome.Message);
        Assert.Contains(type, outcome.Message);
        Assert.DoesNotContain(FakeStripe.SecretKey, outcome.Message);
        Assert.Single(_h.Stripe.RefundRequests);
        Assert.Empty(_h.Stripe.Refunds);
        Assert.Equal(0, (await RefundRowsAsync(orderId)).Rows);
        Assert.Equal(1, await _h.Gateway.ScalarAsync(
            "SELECT count(*) FROM business_events WHERE type = 'ActionFailed' AND data->>'action_id' = $1", outcome.Packet.ActionId));
    }

    [Fact]
    public async Task Configured_but_not_connected_stripe_refuses_the_refund_and_sends_nothing()
    {
        var orderId = await _h.OrderPaidThroughAsync(database, "stripe");
        await _h.SetConnectionAsync(database, "disconnected");

        var outcome = await _h.Gateway.Pipeline.SubmitAsync(Refund(orderId, 20m, "nc-" + orderId));

        Assert.Equal(ActionStatus.Failed, outcome.Status);
        Assert.Contains("stripe is configured but not connected; approve connect_integration first", outcome.Message);
        Assert.Empty(_h.Stripe.Requests);
        Assert.Equal(0, (await RefundRowsAsync(orderId)).Rows);
    }

    [Fact]
    public async Task Order_paid_through_tiktok_shop_is_refunded_by_the_sandbox()
    {
        var orderId = await _h.OrderPaidThroughAsync(database, "tiktok_shop");

        var outcome = await _h.Gateway.Pipeline.SubmitAsync(Refund(orderId, 15m, "tt-" + orderId));

        Assert.Equal(ActionStatus.Executed, outcome.Status);
        Assert.Empty(_h.Stripe.Requests);
        Assert.Equal(1, (await RefundRowsAsync(orderId)).Rows);
        Assert.Equal(1, await _h.Gateway.ScalarAsync(
            "SELECT count(*) FROM business_events WHERE type = 'RefundProcessed' AND source = 'sandbox' AND data->>'order_id' = $1", orderId));
    }
}
