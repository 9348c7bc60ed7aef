using System.Net;
using System.Net.Sockets;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Data.Entities.Support;
using LiveShop.Plugins.Support.Email;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using static LiveShop.Plugins.Tests.Support.Email.EmailTestSupport;

namespace LiveShop.Plugins.Tests.Support.Email;

public sealed class EmailRespondTicketConnectorTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => SeedAsync(database);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Respond_ticket_mails_one_reply_in_the_customers_thread_and_records_the_response()
    {
        await using var smtp = SmtpTestServer.Start(UserName, Password);
        var ticket = await AddTicketAsync("email", "Broken zip on my jacket");
        var shopifyTicket = await AddTicketAsync("shopify", "Size swap");
        var connector = Connector(database, Settings(smtpPort: smtp.Port));
        var packet = Reply(ticket.Id, "Sorry about the zip: a replacement is on its way.");

        Assert.True(await connector.HandlesAsync(packet, default));
        Assert.False(await connector.HandlesAsync(Reply(shopifyTicket.Id, "hi"), default));
        var result = await connector.ExecuteAsync(packet, default);

        var mail = Assert.Single(smtp.Received);
        Assert.Equal(KnownCustomerEmail, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("support@shop.test", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal(ticket.ExternalId, mail.InReplyTo);
        Assert.Equal([ticket.ExternalId!], mail.References);
        Assert.Equal("Re: Broken zip on my jacket", mail.Subject);
        Assert.Equal("Sorry about the zip: a replacement is on its way.", mail.TextBody?.Trim());
        Assert.Equal(EmailReplySender.ReplyMessageId(ActionHashes.IdempotencyKey(packet), FromAddress), mail.MessageId);
        Assert.EndsWith("@shop.test", mail.MessageId);
        Assert.Equal(mail.MessageId, result.ConnectorReference);

        var answered = await TicketAsync(ticket.Id);
        Assert.Equal("pending", answered.Status);
        Assert.NotNull(answered.FirstResponseAt);
    }

    [Fact]
    public async Task A_retried_send_of_the_same_action_carries_the_same_message_id()
    {
        await using var smtp = SmtpTestServer.Start(UserName, Password);
        var ticket = await AddTicketAsync("email", "Re: Tracking number");
        var connector = Connector(database, Settings(smtpPort: smtp.Port));
        var packet = Reply(ticket.Id, "Here it is: AU123.");

        await connector.ExecuteAsync(packet, default);
        await connector.ExecuteAsync(packet with { ActionId = Guid.NewGuid().ToString() }, default);

        Assert.Equal(2, smtp.Received.Count);
        Assert.Single(smtp.Received.Select(m => m.MessageId).Distinct());
        Assert.Equal("Re: Tracking number", smtp.Received[0].Subject); // no "Re: Re:"
    }

    [Fact]
    public async Task A_451_answer_is_retried_and_exactly_one_mail_arrives()
    {
        await using var smtp = SmtpTestServer.Start(UserName, Password, SmtpTestMode.TransientOnceThenAccept);
        var ticket = await AddTicketAsync("email", "Gift card balance");

        await Connector(database, Settings(smtpPort: smtp.Port)).ExecuteAsync(Reply(ticket.Id, "Your balance is 40 AUD."), default);

        Assert.Equal(1, smtp.Refused);
        Assert.Single(smtp.Received);
        Assert.Equal("pending", (await TicketAsync(ticket.Id)).Status);
    }

    [Fact]
    public async Task A_550_answer_fails_clearly_without_retrying_and_the_ticket_stays_unanswered()
    {
        await using var smtp = SmtpTestServer.Start(UserName, Password, SmtpTestMode.Reject);
        var ticket = await AddTicketAsync("email", "Wholesale enquiry");

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => Connector(database, Settings(smtpPort: smtp.Port)).ExecuteAsync(Reply(ticket.Id, "Thanks, our team will call."), default));

        Assert.True(error.Permanent);
        Assert.Contains("550", error.Message);
        Assert.Equal(1, smtp.Refused);
        Assert.Empty(smtp.Received);
        var unanswered = await TicketAsync(ticket.Id);
        Assert.Equal(("open", null), (unanswered.Status, unanswered.FirstResponseAt));
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_then_fails_and_the_ticket_stays_unanswered()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var ticket = await AddTicketAsync("email", "Lost parcel");

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => Connector(database, Settings(smtpPort: port)).ExecuteAsync(Reply(ticket.Id, "We are on it."), default));

        Assert.False(error.Permanent);
        Assert.Contains("after 3 attempts", error.Message);
        Assert.Contains("connection refused", error.Message);
        Assert.Equal("open", (await TicketAsync(ticket.Id)).Status);
    }

    [Fact]
    public async Task Wrong_smtp_credentials_fail_without_retrying_or_revealing_the_password()
    {
        await using var smtp = SmtpTestServer.Start(UserName, Password);
        var ticket = await AddTicketAsync("email", "Discount code");

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => Connector(database, Settings(smtpPort: smtp.Port, password: "not-the-password")).ExecuteAsync(Reply(ticket.Id, "Use SAVE10."), default));

        Assert.True(error.Permanent);
        Assert.Contains("user name or password was rejected", error.Message);
        Assert.DoesNotContain("not-the-password", error.Message);
        Assert.Empty(smtp.Received);
    }

    private static ActionPacket Reply(string ticketId, string message) =>
        ActionPacket.Create("respond_ticket", new { ticket_id = ticketId, message }) with { RequestedBy = "agent:support_lead" };

    private async Task<SupportTicket> AddTicketAsync(string channel, string subject)
    {
        var ticket = new SupportTicket
        {
            Id = $"t_{Guid.NewGuid():N}"[..20], CustomerId = KnownCustomerId, Channel = channel, ExternalId = $"{Guid.NewGuid():N}@customer.test",
            Subject = subject, Body = "…", Status = "open", Priority = "normal", CreatedAt = DateTimeOffset.UtcNow.AddHours(-1),
        };
        await using var db = database.CreateContext();
        db.SupportTickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket;
    }

    private async Task<SupportTicket> TicketAsync(string id)
    {
        await using var db = database.CreateContext();
        return await db.SupportTickets.AsNoTracking().SingleAsync(t => t.Id == id);
    }
}
