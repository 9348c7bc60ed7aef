using LiveShop.Kernel.Actions.Definitions.Support;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Plugins.Sandbox.Actions;

namespace LiveShop.Plugins.Support;

/// <summary>
/// What answering a ticket does to the business record (first response time, open → pending), shared by the sandbox
/// executor and the real connectors, which call it once the reply has left.
/// </summary>
public static class TicketReplies
{
    /// <summary>Records the reply on the packet's ticket; <paramref name="reference"/> and <paramref name="summary"/> describe how it was sent.</summary>
    public static Task<ExecutionResult> RecordAsync(BusinessUnitOfWork business, ActionPacket packet, string? reference, string? summary,
        CancellationToken cancellationToken) =>
        business.InTransactionAsync<ExecutionResult>(async db =>
        {
            var ticket = await BusinessUnitOfWork.FindAsync(db.SupportTickets, BusinessUnitOfWork.Text(packet, "ticket_id"), "ticket", cancellationToken);
            ticket.FirstResponseAt ??= business.Now;
            if (ticket.Status == "open") ticket.Status = "pending";
            var result = new ExecutionResult
            {
                ConnectorReference = reference ?? $"{ticket.Id}:reply", Summary = summary ?? $"replied to ticket {ticket.Id}",
            };
            return (result, Array.Empty<(string, object)>());
        }, packet.ActionId, cancellationToken);
}
