using LiveShop.Plugins.Sandbox.Live;
using LiveShop.Memory.Metrics.Quantities;

namespace LiveShop.Plugins.Sandbox.Simulation;

// After the sale: shipping, delivery (sometimes late), refunds and the customer's questions.
public sealed partial class SandboxSimulator
{
    private static readonly string[] QualityReasons = ["damaged", "not_as_described", "defective", "changed_mind"];

    private void DecideFate(OrderRecord order, bool suspicious)
    {
        var fulfilAt = order.PlacedAt.AddHours(_random.Between(4, 40));
        Schedule(new FulfilOrder(fulfilAt, order.Id));
        var domestic = order.ShippingCountry == "AU";
        var naturallyLate = _random.Chance(domestic ? 0.08 : 0.2);
        var transitDays = domestic ? _random.Between(2, 5) : _random.Between(6, 12);
        var shockDelay = DeliveryDelayDays(order);
        var deliverAt = fulfilAt.AddDays(transitDays + (naturallyLate ? _random.Between(3, 8) : 0) + shockDelay);
        var late = naturallyLate || shockDelay > 0;
        Schedule(new DeliverOrder(deliverAt, order.Id, late));
        if (late)
            Schedule(new OpenTicket(fulfilAt.AddDays(transitDays + 1), order.CustomerId, order.Id, order.Channel,
                $"Where is my order {order.Id}?", "Tracking hasn't moved for days, when will it arrive?", "normal"));

        var traits = TraitsOf(order.Lines[0].ProductId);
        if (suspicious)
        {
            if (_random.Chance(0.6)) Schedule(new OpenDispute(order.PlacedAt.AddDays(_random.Between(18, 40)), order.Id, "fraudulent", true));
        }
        else if (RefundWaveFor(order) is { } wave
            ? _random.Chance(Math.Min(0.95, DemandModel.RefundProbability(traits, late) * (double)wave.Multiplier))
            : _random.Chance(DemandModel.RefundProbability(traits, late)))
        {
            var line = order.Lines[_random.Next(order.Lines.Count)];
            var amount = _random.Chance(0.6) ? order.Total : line.UnitPrice;
            var reason = RefundWaveFor(order)?.Reason ?? (late ? "arrived_late" : QualityReasons[_random.Next(QualityReasons.Length)]);
            Schedule(new RequestRefund(deliverAt.AddDays(_random.Between(1, 10)), order.Id, amount, reason));
        }
        else if (_random.Chance(0.003 + (1 - traits.Quality) * 0.004))
        {
            Schedule(new OpenDispute(deliverAt.AddDays(_random.Between(5, 20)), order.Id, "product_not_as_described", false));
        }
    }

    private void Fulfil(FulfilOrder step) => UpdateOrder(step.OrderId, o => o with { Status = "fulfilled", FulfilledAt = step.At });

    private void Deliver(DeliverOrder step) =>
        UpdateOrder(step.OrderId, o => o with { Status = o.Status == "fulfilled" ? "delivered" : o.Status, DeliveredAt = step.At });

    private void RequestRefundStep(RequestRefund step)
    {
        var order = World.Orders[World.OrderIndex[step.OrderId]];
        // Someone (an agent through the refund connector, a chargeback) may have given money back already.
        var remaining = RefundedAmount.Refundable(order.Total, World.RefundedByOrder.GetValueOrDefault(order.Id));
        if (remaining <= 0 || order.Status is "refunded" or "charged_back" or "cancelled") return;
        var amount = Math.Min(step.Amount, remaining);
        World.RefundedByOrder[order.Id] = World.RefundedByOrder.GetValueOrDefault(order.Id) + amount;
        var refund = new RefundRecord($"rf_{World.NextRefundNumber++}", order.Id, order.CustomerId, amount, step.Reason, "requested", step.At, null);
        World.RefundIndex[refund.Id] = World.Refunds.Count;
        World.Refunds.Add(refund);
        Emit("RefundRequested", step.At, order.Channel, new
        {
            RefundId = refund.Id, OrderId = order.Id, CustomerId = order.CustomerId, Amount = refund.Amount, Reason = refund.Reason,
        });
        OpenTicketStep(new OpenTicket(step.At.AddMinutes(-_random.Next(1, 30)), order.CustomerId, order.Id, order.Channel,
            $"Refund request for {order.Id}", $"I'd like a refund: {step.Reason.Replace('_', ' ')}.", amount > 100 ? "high" : "normal"));
        Schedule(new ApproveRefund(step.At.AddHours(_random.Between(2, 30)), refund.Id));
    }

    private void ApproveRefundStep(ApproveRefund step)
    {
        if (World.Refunds[World.RefundIndex[step.RefundId]].Status != "requested") return;
        var refund = ReplaceRefund(step.RefundId, r => r with { Status = "approved" });
        var order = World.Orders[World.OrderIndex[refund.OrderId]];
        Emit("RefundApproved", step.At, order.Channel, new
        {
            RefundId = refund.Id, OrderId = refund.OrderId, Amount = refund.Amount,
            ApprovedBy = refund.Amount > 100 ? "approver@liveshop.local" : "agent:returns_refunds",
        });
        Schedule(new ProcessRefund(step.At.AddHours(_random.Between(6, 60)), refund.Id));
    }

    private void ProcessRefundStep(ProcessRefund step)
    {
        if (World.Refunds[World.RefundIndex[step.RefundId]].Status != "approved") return;
        var refund = ReplaceRefund(step.RefundId, r => r with { Status = "processed", ProcessedAt = step.At });
        var order = UpdateOrder(refund.OrderId, o => o with { Status = refund.Amount >= o.Total ? "refunded" : "partially_refunded" });
        var provider = DemandModel.PaymentProvider(order.Channel);
        Emit("RefundProcessed", step.At, provider, new { RefundId = refund.Id, OrderId = order.Id, Amount = refund.Amount, CustomerId = order.CustomerId, Currency = order.Currency, Provider = provider });
        Tally(order.Channel, DateOnly.FromDateTime(step.At.UtcDateTime)).Refunds += refund.Amount;
        PostJournal(step.At, $"Refund {refund.Id} of order {order.Id}", "refund", refund.Id,
            [("4900", refund.Amount, 0m), ("1100", 0m, refund.Amount)]);
    }

    private void RaiseSupportQuestions(DateOnly day)
    {
        string[] subjects = ["Does this ship to Perth?", "Which colour is in stock?", "Can I change my address?", "Discount code not working",
            "Is there a bundle deal?", "How long is the warranty?"];
        var count = _random.Poisson(2.5);
        for (var i = 0; i < count && World.Customers.Count > 0; i++)
        {
            var customer = World.Customers[_random.Next(World.Customers.Count)];
            var subject = subjects[_random.Next(subjects.Length)];
            OpenTicketStep(new OpenTicket(_random.TimeOn(day), customer.Id, null, _random.Pick(SandboxCatalogue.Channels), subject,
                $"Hi, quick question: {subject.ToLowerInvariant()}", "low"));
        }
    }

    private void OpenTicketStep(OpenTicket step)
    {
        var ticket = new SupportTicketRecord($"t_{World.NextTicketNumber++}", step.CustomerId, step.OrderId, step.Channel, step.Subject,
            step.Body, "open", step.Priority, step.At, null, null);
        World.TicketIndex[ticket.Id] = World.Tickets.Count;
        World.Tickets.Add(ticket);
        // Its id comes from a draw of its own per (seed, ticket), so announcing the ticket leaves every other draw untouched.
        var id = new Random(StepRandom.Mix(World.Seed, 0x71C_0000_0000L + World.NextTicketNumber)).NextGuid();
        // A ticket written minutes before the refund request behind it can fall just before midnight; the day's events
        // come after the previous day's, so it is announced at the start of the day being simulated.
        var dayStart = new DateTimeOffset(World.Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _dayEvents.Add(new SimulatedEvent(id, "TicketOpened", step.At < dayStart ? dayStart : step.At, step.Channel, new
        {
            TicketId = ticket.Id, CustomerId = ticket.CustomerId, ticket.Channel, ticket.Priority, ticket.OrderId, ticket.Subject,
        }));
        var firstResponse = step.At.AddHours(_random.Between(0.3, 9));
        Schedule(new AnswerTicket(firstResponse, ticket.Id, Resolves: false));
        Schedule(new AnswerTicket(firstResponse.AddHours(_random.Between(1, 40)), ticket.Id, Resolves: true));
    }

    private void AnswerTicketStep(AnswerTicket step)
    {
        var index = World.TicketIndex[step.TicketId];
        var ticket = World.Tickets[index];
        World.Tickets[index] = step.Resolves
            ? ticket with { Status = "resolved", ResolvedAt = step.At }
            : ticket with { Status = "pending", FirstResponseAt = step.At };
    }

    private OrderRecord UpdateOrder(string orderId, Func<OrderRecord, OrderRecord> change)
    {
        var index = World.OrderIndex[orderId];
        return World.Orders[index] = change(World.Orders[index]);
    }

    private RefundRecord ReplaceRefund(string refundId, Func<RefundRecord, RefundRecord> change)
    {
        var index = World.RefundIndex[refundId];
        return World.Refunds[index] = change(World.Refunds[index]);
    }
}
