using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Support;
using LiveShop.Memory.Database;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MimeKit;
using Npgsql;

namespace LiveShop.Plugins.Support.Email;

/// <summary>
/// The database side of the email fetch: where in the mailbox the last fetch stopped (a row of <c>learning_cursors</c>
/// per mailbox and UIDVALIDITY), and one transaction per message that writes the ticket, a new customer when needed, the
/// <c>TicketOpened</c> event and the advanced position together.
/// </summary>
public sealed class EmailTicketStore(NpgsqlDataSource dataSource, EventStore eventStore, TimeProvider time)
{
    /// <summary>Event source of what the email connector writes.</summary>
    public const string Source = "email";

    /// <summary>
    /// The cursor's name: one per mailbox and UIDVALIDITY, so a mailbox whose UIDs were renumbered is read again from
    /// the start (tickets already made are recognised by their Message-Id).
    /// </summary>
    public static string CursorName(string mailbox, uint uidValidity)
    {
        var folder = mailbox.Length <= 14 && mailbox.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? mailbox
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mailbox)))[..14];
        return $"email:{folder}:{uidValidity}";
    }

    /// <summary>The highest UID already turned into tickets (0 when the mailbox was never read at this UIDVALIDITY).</summary>
    public async Task<uint> LastUidAsync(string cursorName, CancellationToken cancellationToken)
    {
        await using var db = LiveShopDataSource.CreateContext(dataSource);
        var last = await db.LearningCursors.AsNoTracking().Where(c => c.Name == cursorName).Select(c => (long?)c.LastSequence)
            .SingleOrDefaultAsync(cancellationToken);
        return (uint)(last ?? 0);
    }

    /// <summary>Moves the cursor past a message that becomes no ticket (too large to fetch).</summary>
    public async Task SkipAsync(string cursorName, uint uid, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AdvanceAsync(connection, null, cursorName, uid, cancellationToken);
    }

    /// <summary>
    /// Holds the mailbox's fetch lock (a PostgreSQL advisory lock, so two hosts never read one mailbox at once) until
    /// disposed; null when another host holds it.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLockMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("email-fetch:" + mailbox)), 0);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!) return new MailboxLock(connection, key);
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Turns one fetched message into an open ticket and advances the cursor to its UID, all or nothing. Returns the new
    /// ticket's id, or null when a ticket for this Message-Id already exists (nothing but the cursor changes).
    /// </summary>
    public async Task<string?> AddAsync(MimeMessage message, string externalId, string cursorName, uint uid, CancellationToken cancellationToken)
    {
        try
        {
            return await AddOnceAsync(message, externalId, cursorName, uid, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else wrote the same customer or ticket meanwhile; the second try finds them.
            return await AddOnceAsync(message, externalId, cursorName, uid, cancellationToken);
        }
    }

    private async Task<string?> AddOnceAsync(MimeMessage message, string externalId, string cursorName, uint uid, CancellationToken cancellationToken)
    {
        var from = message.From.Mailboxes.FirstOrDefault() ?? message.Sender
            ?? throw new InvalidOperationException($"message {externalId} has no From address");
        await using var db = LiveShopDataSource.CreateContext(dataSource);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        await AdvanceAsync(npgsqlTransaction.Connection!, npgsqlTransaction, cursorName, uid, cancellationToken);
        if (await db.SupportTickets.AnyAsync(t => t.Channel == EmailRespondTicketConnector.Channel && t.ExternalId == externalId, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var now = time.GetUtcNow();
        var customer = await FindOrAddCustomerAsync(db, from, now, cancellationToken);
        var subject = IncomingTicketRules.Subject(message);
        var body = IncomingTicketRules.Body(message);
        var orderId = await FirstExistingOrderAsync(db, IncomingTicketRules.MentionedOrderIds(subject, body), cancellationToken);
        var sentAt = message.Date == DateTimeOffset.MinValue || message.Date > now ? now : message.Date.ToUniversalTime();
        var ticket = new SupportTicket
        {
            Id = IncomingTicketRules.TicketId(externalId), CustomerId = customer.Id, OrderId = orderId,
            Channel = EmailRespondTicketConnector.Channel, ExternalId = externalId, Subject = subject, Body = body,
            Status = "open", Priority = IncomingTicketRules.Priority(subject, body), CreatedAt = sentAt,
        };
        db.SupportTickets.Add(ticket);
        await db.SaveChangesAsync(cancellationToken);

        var opened = new NewEvent(ActionHashes.StableId($"email:ticket:{externalId}"), "TicketOpened", sentAt, Source,
            JsonSerializer.SerializeToElement(new
            {
                TicketId = ticket.Id, ticket.CustomerId, ticket.Channel, ticket.Priority, ticket.OrderId, ExternalId = externalId, ticket.Subject,
            }, JsonDefaults.Options));
        await eventStore.AppendAsync([opened], npgsqlTransaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ticket.Id;
    }

    private static async Task<Customer> FindOrAddCustomerAsync(LiveShopDbContext db, MailboxAddress from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var address = from.Address.Trim();
        var lowered = address.ToLowerInvariant();
        var known = await db.Customers.Where(c => c.Email.ToLower() == lowered).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (known is not null) return known;
        var customer = new Customer
        {
            Id = IncomingTicketRules.CustomerId(address), Email = address, Name = IncomingTicketRules.CustomerName(from),
            Country = IncomingTicketRules.UnknownCountry, CreatedAt = now,
        };
        db.Customers.Add(customer);
        return customer;
    }

    private static async Task<string?> FirstExistingOrderAsync(LiveShopDbContext db, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0) return null;
        var existing = await db.Orders.Where(o => candidates.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(existing.Contains);
    }

    // Monotonic, so two hosts fetching the same mailbox never move the position backwards.
    private async Task AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string cursorName, uint uid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO learning_cursors (name, last_sequence, updated_at) VALUES (@name, @uid, @now)
            ON CONFLICT (name) DO UPDATE SET last_sequence = GREATEST(learning_cursors.last_sequence, EXCLUDED.last_sequence), updated_at = EXCLUDED.updated_at
            """, connection, transaction);
        command.Parameters.AddWithValue("name", cursorName);
        command.Parameters.AddWithValue("uid", (long)uid);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class MailboxLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync();
            }
        }
    }
}
