using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Support.Email;

/// <summary>The mailbox could not be read: unreachable server, rejected credentials, missing folder.</summary>
public sealed class EmailFetchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What one fetch did.</summary>
/// <param name="Mailbox">The folder read.</param>
/// <param name="UidValidity">The folder's UIDVALIDITY at the time.</param>
/// <param name="LastUid">The highest UID handled after this fetch.</param>
/// <param name="Fetched">Messages newer than the last fetch.</param>
/// <param name="Created">Tickets created from them.</param>
/// <param name="AlreadyKnown">Messages whose Message-Id already had a ticket.</param>
/// <param name="Skipped">Messages too large to fetch.</param>
public sealed record EmailFetchResult(string Mailbox, uint UidValidity, uint LastUid, int Fetched, int Created, int AlreadyKnown, int Skipped)
{
    /// <summary>True when nothing was read because another host was fetching the same mailbox at that moment.</summary>
    public bool ByAnotherHost { get; init; }

    /// <summary>One line for people, e.g. the CLI's answer.</summary>
    public override string ToString() => ByAnotherHost
        ? $"email: {Mailbox} is being fetched by another host; nothing read"
        : $"email: {Mailbox} read up to UID {LastUid} (UIDVALIDITY {UidValidity}): {Fetched} new messages, {Created} tickets created, {AlreadyKnown} already known, {Skipped} skipped";
}

/// <summary>
/// Reads the support mailbox over IMAP (read-only, so nothing is marked seen) and turns every message newer than the last
/// fetch into an open support ticket. Running it again creates nothing new.
/// </summary>
public sealed class EmailTicketFetcher(EmailSettings settings, EmailTicketStore store, ILogger<EmailTicketFetcher> logger)
{
    /// <summary>Messages larger than this are not downloaded; a ticket of 25 MB is an attachment, not a question.</summary>
    public const uint MaxMessageBytes = 25 * 1024 * 1024;

    /// <summary>
    /// One fetch: connect, open the mailbox read-only, fetch by UID everything newer than the stored position, write
    /// tickets. This is what <c>./liveshop integrations sync email</c> and the polling worker call.
    /// </summary>
    public async Task<EmailFetchResult> FetchAsync(CancellationToken cancellationToken)
    {
        await using var mailboxLock = await store.TryLockMailboxAsync(settings.Mailbox, cancellationToken);
        if (mailboxLock is null)
        {
            logger.LogInformation("Another host is fetching {Mailbox}; skipped this round", settings.Mailbox);
            return new EmailFetchResult(settings.Mailbox, 0, 0, 0, 0, 0, 0) { ByAnotherHost = true };
        }

        using var client = new ImapClient();
        try
        {
            await client.ConnectAsync(settings.ImapHost, settings.ImapPort, settings.ImapSocketOptions, cancellationToken);
            await client.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
        }
        catch (AuthenticationException e)
        {
            throw new EmailFetchException($"the IMAP server {settings.ImapHost}:{settings.ImapPort} rejected the user name or password of '{settings.UserName}'", e);
        }
        catch (Exception e) when (e is SocketException or IOException or ImapProtocolException or SslHandshakeException)
        {
            throw new EmailFetchException($"the IMAP server {settings.ImapHost}:{settings.ImapPort} could not be reached: {e.Message}", e);
        }

        IMailFolder folder;
        try
        {
            folder = settings.Mailbox.Equals("INBOX", StringComparison.OrdinalIgnoreCase)
                ? client.Inbox
                : await client.GetFolderAsync(settings.Mailbox, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        }
        catch (Exception e) when (e is FolderNotFoundException or ImapCommandException)
        {
            throw new EmailFetchException($"the mailbox '{settings.Mailbox}' cannot be opened on {settings.ImapHost}: {e.Message}", e);
        }

        EmailFetchResult result;
        try
        {
            result = await ReadNewMessagesAsync(folder, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException or ImapProtocolException or ImapCommandException)
        {
            // Tickets written before the break stay, with the position after them; the next fetch goes on from there.
            throw new EmailFetchException($"reading '{settings.Mailbox}' on {settings.ImapHost} broke off: {e.Message}", e);
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("{Result}", result);
        return result;
    }

    private async Task<EmailFetchResult> ReadNewMessagesAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        var uidValidity = folder.UidValidity;
        var cursor = EmailTicketStore.CursorName(settings.Mailbox, uidValidity);
        var last = await store.LastUidAsync(cursor, cancellationToken);
        int created = 0, known = 0, skipped = 0;
        if (last == UniqueId.MaxValue.Id) return new EmailFetchResult(settings.Mailbox, uidValidity, last, 0, 0, 0, 0);

        // "n:*" always matches the newest message, even when its UID is below n: filter again by UID.
        var found = await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(uidValidity, last + 1), UniqueId.MaxValue)), cancellationToken);
        var newer = found.Where(u => u.Id > last).OrderBy(u => u.Id).ToList();
        if (newer.Count == 0) return new EmailFetchResult(settings.Mailbox, uidValidity, last, 0, 0, 0, 0);

        var summaries = await folder.FetchAsync(newer, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Size, cancellationToken);
        foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
        {
            var uid = summary.UniqueId;
            if (summary.Size is > MaxMessageBytes)
            {
                logger.LogWarning("Email UID {Uid} in {Mailbox} is {Size} bytes; not turned into a ticket", uid.Id, settings.Mailbox, summary.Size);
                await store.SkipAsync(cursor, uid.Id, cancellationToken);
                skipped++;
            }
            else
            {
                var message = await folder.GetMessageAsync(uid, cancellationToken);
                var externalId = IncomingTicketRules.ExternalId(message, uidValidity, uid.Id, settings.ImapHost);
                var ticketId = await store.AddAsync(message, externalId, cursor, uid.Id, cancellationToken);
                if (ticketId is null) known++;
                else created++;
            }
            last = Math.Max(last, uid.Id);
        }
        return new EmailFetchResult(settings.Mailbox, uidValidity, last, summaries.Count, created, known, skipped);
    }
}
