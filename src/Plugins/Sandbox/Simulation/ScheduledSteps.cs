namespace LiveShop.Plugins.Sandbox.Simulation;

// Work the world does on a later day; each step is run by SandboxSimulator on the day it falls due.

internal sealed record FulfilOrder(DateTimeOffset At, string OrderId) : ScheduledStep(At);
internal sealed record DeliverOrder(DateTimeOffset At, string OrderId, bool Late) : ScheduledStep(At);
internal sealed record RequestRefund(DateTimeOffset At, string OrderId, decimal Amount, string Reason) : ScheduledStep(At);
internal sealed record ApproveRefund(DateTimeOffset At, string RefundId) : ScheduledStep(At);
internal sealed record ProcessRefund(DateTimeOffset At, string RefundId) : ScheduledStep(At);
internal sealed record OpenDispute(DateTimeOffset At, string OrderId, string Reason, bool Fraudulent) : ScheduledStep(At);
internal sealed record SubmitEvidence(DateTimeOffset At, string DisputeId) : ScheduledStep(At);
internal sealed record ResolveDispute(DateTimeOffset At, string DisputeId, bool Won) : ScheduledStep(At);
internal sealed record OpenTicket(DateTimeOffset At, string CustomerId, string? OrderId, string Channel, string Subject, string Body, string Priority) : ScheduledStep(At);
internal sealed record AnswerTicket(DateTimeOffset At, string TicketId, bool Resolves) : ScheduledStep(At);
internal sealed record ReceivePurchaseOrder(DateTimeOffset At, string PurchaseOrderId) : ScheduledStep(At);
internal sealed record PayCreator(DateTimeOffset At, string PayoutId) : ScheduledStep(At);
