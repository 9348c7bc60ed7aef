using System.Text.Json;
using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Plugins.Payments;
using LiveShop.Plugins.Payments.Stripe;
using LiveShop.Plugins.Tests.Functions;
using LiveShop.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Plugins.Tests.Payments;

public sealed class PaymentLookupTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private StripeHarness _h = null!;

    public async Task InitializeAsync() => _h = await StripeHarness.CreateAsync(database);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private PaymentsPlugin Plugin(bool withStripe = true) =>
        new(new TestContextFactory(database), TimeProvider.System, _h.Connections, withStripe ? _h.Services.GetRequiredService<StripeAccount>() : null);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public async Task Connected_stripe_answers_payment_balance_and_payouts_and_says_so()
    {
        await _h.SetConnectionAsync(database, "connected");
        var orderId = await _h.OrderPaidThroughAsync(database, "stripe", 120m);

        var payment = Parse(await Plugin().GetPaymentAsync(orderId));
        var balance = Parse(await Plugin().GetStripeBalanceAsync());
        var payouts = Parse(await Plugin().ListRecentPayoutsAsync(5));

        Assert.Equal("stripe (live account)", payment.GetProperty("source").GetString());
        Assert.Equal("pi_" + orderId[2..], payment.GetProperty("payment_intent").GetString());
        Assert.Equal(120m, payment.GetProperty("amount").GetDecimal());
        Assert.Equal("AUD", payment.GetProperty("currency").GetString());
        Assert.Equal("stripe (live account)", balance.GetProperty("source").GetString());
        Assert.Equal(1234.56m, balance.GetProperty("balance")[0].GetProperty("available").GetDecimal());
        Assert.Equal(78m, balance.GetProperty("balance")[0].GetProperty("pending").GetDecimal());
        Assert.Equal(["po_2", "po_1"], payouts.GetProperty("payouts").EnumerateArray().Select(p => p.GetProperty("payout_id").GetString()));
        Assert.Equal(1800.50m, payouts.GetProperty("payouts")[1].GetProperty("amount").GetDecimal());
        Assert.Contains(_h.Stripe.Requests, r => r.Path == $"/v1/payment_intents/pi_{orderId[2..]}");
    }

    [Fact]
    public async Task Without_a_connection_the_database_answers_and_stripe_is_not_called()
    {
        await _h.SetConnectionAsync(database, "disconnected");
        var orderId = await _h.OrderPaidThroughAsync(database, "stripe", 80m);
        await using (var db = database.CreateContext())
        {
            db.Settlements.Add(new Settlement
            {
                Id = "st_lookup", Channel = "tiktok_shop", PeriodStart = DateTimeOffset.UtcNow.AddDays(-8), PeriodEnd = DateTimeOffset.UtcNow.AddDays(-1),
                GrossAmount = 500m, Fees = 40m, RefundsAmount = 10m, NetAmount = 450m, ExpectedNetAmount = 450m, ReceivedAt = DateTimeOffset.UtcNow, Status = "matched",
            });
            await db.SaveChangesAsync();
        }

        var payment = Parse(await Plugin().GetPaymentAsync(orderId));
        var balance = Parse(await Plugin().GetStripeBalanceAsync());
        var payouts = Parse(await Plugin().ListRecentPayoutsAsync());

        Assert.Equal("business database (sandbox)", payment.GetProperty("source").GetString());
        Assert.Equal(80m, payment.GetProperty("payments")[0].GetProperty("amount").GetDecimal());
        Assert.Equal("business database (sandbox)", balance.GetProperty("source").GetString());
        Assert.True(balance.GetProperty("captured_net_of_fees").GetDecimal() >= 77m);
        Assert.StartsWith("business database (sandbox)", payouts.GetProperty("source").GetString());
        Assert.Contains(payouts.GetProperty("payouts").EnumerateArray(), p => p.GetProperty("settlement_id").GetString() == "st_lookup");
        Assert.Empty(_h.Stripe.Requests);
    }
}
