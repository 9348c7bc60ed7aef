using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveShop.Memory.Data;
using LiveShop.Memory.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Kernel.Assistance;

/// <summary>
/// A read-only first assistant: answers "where is order o_1042?" from the database (status, fulfilment and delivery,
/// refunds) for a known, enabled user. It never acts; requests to refund or change things are pointed to the pipeline.
/// </summary>
public sealed partial class OrderQuestionAssistant(NpgsqlDataSource dataSource) : IInlineAssistant
{
    /// <inheritdoc />
    public async Task<string> AskAsync(string userEmail, string text, CancellationToken cancellationToken)
    {
        await using var context = LiveShopDataSource.CreateContext(dataSource);
        var user = await context.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email.ToLower() == userEmail.ToLower(), cancellationToken);
        if (user is null || user.Disabled) return $"{userEmail} is not an active LiveShop user, so I cannot answer.";

        var orderIds = OrderId().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
        if (orderIds.Count == 0)
            return "I can answer order questions here, e.g. \"where is order o_1042?\". Other questions go to the personas in the LiveShop console.";

        var answer = new StringBuilder();
        if (ActionWords().IsMatch(text))
            answer.AppendLine(user.Role is "support" or "developer"
                ? $"I only answer questions here; your role ({user.Role}) cannot move money. Ask an approver, or request it in the console where it is verified and approved."
                : "I only answer questions here; actions are requested in the console, where they are verified and, when needed, approved.");
        foreach (var id in orderIds)
        {
            var order = await context.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (order is null)
            {
                answer.AppendLine($"Order {id}: not found.");
                continue;
            }
            var refunds = await context.Refunds.AsNoTracking().Where(r => r.OrderId == id).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
            answer.Append($"Order {order.Id}: {order.Status}, {Money(order.Total)} {order.Currency} via {order.Channel}, placed {Day(order.PlacedAt)}");
            answer.Append(order.FulfilledAt is { } shipped ? $", shipped {Day(shipped)}" : ", not shipped yet");
            answer.Append(order.DeliveredAt is { } delivered ? $", delivered {Day(delivered)}" : order.FulfilledAt is null ? "" : ", not delivered yet");
            answer.Append('.');
            if (refunds.Count == 0)
            {
                answer.AppendLine(" No refunds.");
                continue;
            }
            var refunded = refunds.Where(r => RefundedAmount.CountsStatus(r.Status)).Sum(r => r.Amount);
            answer.AppendLine(" Refunds: " + string.Join("; ", refunds.Select(r => $"{Money(r.Amount)} {r.Status} ({r.Reason}, {Day(r.RequestedAt)})")) +
                $". Refunded {Money(refunded)}, refundable {Money(RefundedAmount.Refundable(order.Total, refunded))}.");
        }
        return answer.ToString().TrimEnd();
    }

    /// <summary>Whether a message names an order (e.g. <c>o_1042</c>), which this assistant answers.</summary>
    public static bool MentionsOrder(string text) => OrderId().IsMatch(text);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bo_[A-Za-z0-9]+\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderId();

    [GeneratedRegex(@"\b(refund|cancel|pay|charge|approve)\b(?!s\b|ed\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ActionWords();
}
