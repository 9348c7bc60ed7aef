using LiveShop.Kernel.Gateway;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Database;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Support;

namespace LiveShop.Plugins.Support.Email;

/// <summary>
/// <see cref="RespondTicketAction"/> for tickets that arrived by email: mails the reply to the customer as an answer to their
/// message (In-Reply-To / References its Message-Id, subject "Re: …"), then records the response on the ticket.
/// </summary>
public sealed class EmailRespondTicketConnector(
    NpgsqlDataSource dataSource, EmailReplySender sender, BusinessUnitOfWork business, EmailSettings settings, TimeProvider time) : ILiveActionConnector
{
    /// <summary>The channel value of tickets that came in by email.</summary>
    public const string Channel = "email";

    /// <inheritdoc />
    public string IntegrationId => "email";

    /// <inheritdoc />
    public string Action => RespondTicketAction.ActionName;

    /// <inheritdoc />
    public async Task<bool> HandlesAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        if (!ActionParameters.TryGetText(packet.Parameters, "ticket_id", out var ticketId)) return false;
        await using var db = LiveShopDataSource.CreateContext(dataSource);
        return await db.SupportTickets.AnyAsync(t => t.Id == ticketId && t.Channel == Channel, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var ticketId = BusinessUnitOfWork.Text(packet, "ticket_id");
        var text = BusinessUnitOfWork.Text(packet, "message");
        ReplyTarget target;
        await using (var db = LiveShopDataSource.CreateContext(dataSource))
        {
            target = await (from t in db.SupportTickets.AsNoTracking()
                            join c in db.Customers.AsNoTracking() on t.CustomerId equals c.Id
                            where t.Id == ticketId
                            select new ReplyTarget(t.Id, t.Channel, t.Subject, t.ExternalId, c.Email, c.Name))
                .SingleOrDefaultAsync(cancellationToken) ?? throw new InvalidOperationException($"ticket {ticketId} does not exist");
        }
        if (target.Channel != Channel)
            throw new InvalidOperationException($"ticket {ticketId} came in on {target.Channel}, not by email; the email connector cannot answer it");
        if (!MailboxAddress.TryParse(target.CustomerEmail, out var recipient))
            throw new InvalidOperationException($"ticket {ticketId}: the customer's email '{target.CustomerEmail}' is not an address mail can be sent to");

        var message = Compose(target, recipient, text, EmailReplySender.ReplyMessageId(ActionHashes.IdempotencyKey(packet), settings.FromAddress));
        await sender.SendAsync(message, cancellationToken);
        return await TicketReplies.RecordAsync(business, packet, reference: message.MessageId,
            summary: $"emailed a reply on ticket {target.TicketId} to {recipient.Address} (Message-Id {message.MessageId})", cancellationToken);
    }

    private MimeMessage Compose(ReplyTarget target, MailboxAddress recipient, string text, string messageId)
    {
        var message = new MimeMessage
        {
            MessageId = messageId,
            Date = time.GetUtcNow(),
            Subject = target.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? target.Subject : "Re: " + target.Subject,
            Body = new TextPart("plain") { Text = text },
        };
        message.From.Add(MailboxAddress.Parse(settings.FromAddress));
        message.To.Add(new MailboxAddress(string.IsNullOrWhiteSpace(recipient.Name) ? target.CustomerName : recipient.Name, recipient.Address));
        if (!string.IsNullOrEmpty(target.ExternalId))
        {
            message.InReplyTo = target.ExternalId;
            message.References.Add(target.ExternalId);
        }
        return message;
    }

    private sealed record ReplyTarget(string TicketId, string Channel, string Subject, string? ExternalId, string CustomerEmail, string CustomerName);
}
