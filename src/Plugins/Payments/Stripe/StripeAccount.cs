using global::Stripe;

namespace LiveShop.Plugins.Payments.Stripe;

/// <summary>A Stripe refund as the connector records it.</summary>
public sealed record StripeRefund(string Id, string Status, long AmountMinor, string Currency, string PaymentIntentId);

/// <summary>A PaymentIntent's state, for payment lookups.</summary>
public sealed record StripePaymentIntent(string Id, string Status, decimal Amount, decimal AmountReceived, string Currency, string? LatestChargeId);

/// <summary>One currency's balance.</summary>
public sealed record StripeBalanceLine(string Currency, decimal Available, decimal Pending);

/// <summary>A payout to the business's bank account.</summary>
public sealed record StripePayout(string Id, decimal Amount, string Currency, string Status, DateTimeOffset ArrivalDate);

/// <summary>
/// The business's Stripe account through Stripe.net: refunds (with the gateway's idempotency key), PaymentIntent lookups,
/// balance and payouts. Stripe's own errors surface as <see cref="StripeCallException"/> with Stripe's message.
/// </summary>
public sealed class StripeAccount(IStripeClient client)
{
    /// <summary>Creates a refund of <paramref name="amountMinor"/> against a PaymentIntent; the same key always yields the same refund.</summary>
    public async Task<StripeRefund> RefundAsync(string paymentIntentId, long amountMinor, string idempotencyKey,
        IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var options = new RefundCreateOptions
        {
            PaymentIntent = paymentIntentId, Amount = amountMinor, Reason = "requested_by_customer",
            Metadata = metadata.ToDictionary(p => p.Key, p => p.Value),
        };
        var refund = await Call(() => new RefundService(client).CreateAsync(options, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken));
        return new StripeRefund(refund.Id, refund.Status, refund.Amount, refund.Currency, paymentIntentId);
    }

    /// <summary>The PaymentIntent with this id.</summary>
    public async Task<StripePaymentIntent> PaymentIntentAsync(string id, CancellationToken cancellationToken)
    {
        var intent = await Call(() => new PaymentIntentService(client).GetAsync(id, cancellationToken: cancellationToken));
        return new StripePaymentIntent(intent.Id, intent.Status, StripeMoney.FromMinor(intent.Amount, intent.Currency),
            StripeMoney.FromMinor(intent.AmountReceived, intent.Currency), intent.Currency, intent.LatestChargeId);
    }

    /// <summary>The account balance per currency.</summary>
    public async Task<IReadOnlyList<StripeBalanceLine>> BalanceAsync(CancellationToken cancellationToken)
    {
        var balance = await Call(() => new BalanceService(client).GetAsync(cancellationToken: cancellationToken));
        var pending = balance.Pending.GroupBy(p => p.Currency).ToDictionary(g => g.Key, g => g.Sum(p => p.Amount));
        return balance.Available.Select(a => new StripeBalanceLine(a.Currency, StripeMoney.FromMinor(a.Amount, a.Currency),
            StripeMoney.FromMinor(pending.GetValueOrDefault(a.Currency), a.Currency))).ToList();
    }

    /// <summary>The most recent payouts, newest first.</summary>
    public async Task<IReadOnlyList<StripePayout>> RecentPayoutsAsync(int limit, CancellationToken cancellationToken)
    {
        var payouts = await Call(() => new PayoutService(client).ListAsync(new PayoutListOptions { Limit = limit }, cancellationToken: cancellationToken));
        return payouts.Data.Select(p => new StripePayout(p.Id, StripeMoney.FromMinor(p.Amount, p.Currency), p.Currency, p.Status,
            new DateTimeOffset(DateTime.SpecifyKind(p.ArrivalDate, DateTimeKind.Utc)))).ToList();
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e)
        {
            throw new StripeCallException(e);
        }
    }
}

/// <summary>
/// Stripe refused or failed a call; the message is Stripe's, with its error type and HTTP status (never the key). The
/// Stripe.net exception is not kept as inner exception: the gateway records the innermost message, and this one says more.
/// </summary>
public sealed class StripeCallException(StripeException e)
    : Exception($"Stripe refused the call: {e.StripeError?.Message ?? e.Message} " +
                $"({e.StripeError?.Type ?? "error"}{(e.StripeError?.Code is { } code ? "/" + code : "")}, HTTP {(int)e.HttpStatusCode})")
{
    /// <summary>Stripe's error type, e.g. <c>invalid_request_error</c> or <c>card_error</c>.</summary>
    public string? ErrorType { get; } = e.StripeError?.Type;
}

/// <summary>Amounts in a currency's minor unit, as Stripe counts them.</summary>
public static class StripeMoney
{
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
        { "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf" };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase) { "bhd", "jod", "kwd", "omr", "tnd" };

    /// <summary>Decimal places of the currency's minor unit.</summary>
    public static int Exponent(string currency) => ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    /// <summary>The amount in minor units; an amount with more decimals than the currency has is refused rather than rounded.</summary>
    public static long ToMinor(decimal amount, string currency)
    {
        var minor = amount * (decimal)Math.Pow(10, Exponent(currency));
        return minor == decimal.Truncate(minor)
            ? (long)minor
            : throw new InvalidOperationException($"{amount} has more decimals than {currency.ToUpperInvariant()} allows");
    }

    /// <summary>The amount in the currency's major unit.</summary>
    public static decimal FromMinor(long minor, string currency) => minor / (decimal)Math.Pow(10, Exponent(currency));
}
