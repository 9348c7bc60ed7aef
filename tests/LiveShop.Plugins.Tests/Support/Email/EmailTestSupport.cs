using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Plugins.Records;
using LiveShop.Memory.Data.Entities.Orders;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Plugins.Support.Email;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace LiveShop.Plugins.Tests.Support.Email;

/// <summary>Shared test data and wiring for the email connector's tests: settings for the loopback servers, a known customer and order.</summary>
internal static class EmailTestSupport
{
    public const string UserName = "support@shop.test";
    public const string Password = "s3cret-imap-and-smtp";
    public const string FromAddress = "Shop Support <support@shop.test>";
    public const string KnownCustomerId = "c_known";
    public const string KnownCustomerEmail = "ada@customer.test";
    public const string KnownOrderId = "o_4242";

    public static EmailSettings Settings(int smtpPort = 1, int imapPort = 1, string password = Password) => new()
    {
        SmtpHost = "127.0.0.1", SmtpPort = smtpPort, ImapHost = "127.0.0.1", ImapPort = imapPort,
        UserName = UserName, Password = password, FromAddress = FromAddress, Security = EmailSecurity.None,
        SendAttempts = 3, SendRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    public static EmailTicketFetcher Fetcher(TestDatabase database, EmailSettings settings) =>
        new(settings, new EmailTicketStore(database.DataSource, new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System),
            NullLogger<EmailTicketFetcher>.Instance);

    public static EmailRespondTicketConnector Connector(TestDatabase database, EmailSettings settings) =>
        new(database.DataSource, new EmailReplySender(settings, TimeProvider.System, NullLogger<EmailReplySender>.Instance),
            new BusinessUnitOfWork(database.DataSource, new EventStore(database.DataSource, TimeProvider.System), TimeProvider.System),
            settings, TimeProvider.System);

    /// <summary>Adds the known customer and their order once per database.</summary>
    public static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        if (await db.Customers.AnyAsync(c => c.Id == KnownCustomerId)) return;
        db.Customers.Add(new Customer { Id = KnownCustomerId, Email = KnownCustomerEmail, Name = "Ada Buyer", Country = "AU" });
        db.Orders.Add(new Order
        {
            Id = KnownOrderId, CustomerId = KnownCustomerId, Channel = "shopify", PlacedAt = DateTimeOffset.UtcNow.AddDays(-5), Status = "delivered",
            Subtotal = 80m, Total = 80m, Currency = "AUD", Ip = "10.0.0.9", DeviceId = "d_9", BillingCountry = "AU", ShippingCountry = "AU",
        });
        await db.SaveChangesAsync();
    }

    public static MimeMessage Mail(string from, string subject, string body, string? messageId = null)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body }, Date = DateTimeOffset.UtcNow.AddMinutes(-3) };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(UserName));
        message.MessageId = messageId ?? $"{Guid.NewGuid():N}@customer.test";
        return message;
    }
}
