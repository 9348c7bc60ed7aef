using LiveShop.Kernel.Actions.Definitions;
namespace LiveShop.Plugins.Payments.Providers;

/// <summary>Money one payment provider moved over a window.</summary>
/// <param name="Provider">The integration id, e.g. <c>paypal</c>.</param>
/// <param name="CapturedPayments">Customer payments captured through it.</param>
/// <param name="CapturedAmount">Their amount.</param>
/// <param name="Fees">Processing fees on them.</param>
/// <param name="Refunded">Refunds processed on orders it took payment for.</param>
/// <param name="PayoutCount">Payments it sent out to suppliers and creators.</param>
/// <param name="PaidOut">Their amount.</param>
public sealed record PaymentActivity(string Provider, int CapturedPayments, decimal CapturedAmount, decimal Fees, decimal Refunded, int PayoutCount, decimal PaidOut)
{
    /// <summary>Fees as a share of captured money, in percent; null when nothing was captured.</summary>
    public decimal? EffectiveFeePct => CapturedAmount == 0 ? null : Math.Round(100m * Fees / CapturedAmount, 2);
}

/// <summary>
/// What a payment provider (Stripe, PayPal, Wise) must offer: the money it took in and sent out, and carrying out the
/// money actions of <see cref="ContractActions"/> it is used for (card and wallet providers refund; payout providers pay).
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The contract actions (CONTRACTS.md §1) the payments family carries out.</summary>
    static IReadOnlyList<string> ContractActions { get; } = ActionCatalog.ClaimableBy(IntegrationFamily.Payments);

    /// <summary>The integration id, equal to payments.provider for money it takes in.</summary>
    string IntegrationId { get; }

    /// <summary>Captures, fees, refunds and payouts between <paramref name="from"/> (inclusive) and <paramref name="to"/> (exclusive).</summary>
    Task<PaymentActivity> GetActivityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
