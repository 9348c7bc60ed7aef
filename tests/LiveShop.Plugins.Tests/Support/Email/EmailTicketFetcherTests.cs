using LiveShop.Plugins.Support.Email;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static LiveShop.Plugins.Tests.Support.Email.EmailTestSupport;

namespace LiveShop.Plugins.Tests.Support.Email;

public sealed class EmailTicketFetcherTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => SeedAsync(database);
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Fetch_turns_new_mail_into_open_tickets_with_customer_order_link_and_message_id()
    {
        await using var imap = new ImapTestServer(UserName, Password);
        var known = Mail($"Ada Buyer <{KnownCustomerEmail.ToUpperInvariant()}>", $"URGENT: parcel for {KnownOrderId} arrived broken", "Please help, it is smashed.");
        var stranger = Mail("New Buyer <new.buyer@customer.test>", "Question about o_999999", "Do you ship to Perth?");
        imap.Inbox.Add(known);
        imap.Inbox.Add(stranger);

        var result = await Fetcher(database, Settings(imapPort: imap.Port)).FetchAsync(default);

        Assert.Equal((2, 2, 0), (result.Fetched, result.Created, result.AlreadyKnown));
        Assert.Equal(imap.Inbox.UidValidity, result.UidValidity);
        await using var db = database.CreateContext();
        var first = await db.SupportTickets.SingleAsync(t => t.Channel == "email" && t.ExternalId == known.MessageId);
        Assert.Equal((KnownCustomerId, KnownOrderId, "open", "high"), (first.CustomerId, first.OrderId, first.Status, first.Priority));
        Assert.Equal("Please help, it is smashed.", first.Body);

        var second = await db.SupportTickets.SingleAsync(t => t.Channel == "email" && t.ExternalId == stranger.MessageId);
        Assert.Null(second.OrderId); // o_999999 is not an order of the shop
        Assert.Equal("normal", second.Priority);
        var created = await db.Customers.SingleAsync(c => c.Id == second.CustomerId);
        Assert.Equal(("new.buyer@customer.test", "New Buyer", "ZZ"), (created.Email, created.Name, created.Country));

        var opened = await db.Database.SqlQuery<string>(
            $"SELECT data->>'ticket_id' AS \"Value\" FROM business_events WHERE type = 'TicketOpened' AND source = 'email' AND data->>'external_id' = {known.MessageId}").ToListAsync();
        Assert.Equal([first.Id], opened);
        // Read-only: the mailbox is examined and bodies are peeked, so the shop's mail client still shows the mail as unread.
        Assert.Contains(imap.Commands, c => c.StartsWith("EXAMINE INBOX", StringComparison.Ordinal));
        Assert.Contains(imap.Commands, c => c.StartsWith("UID SEARCH", StringComparison.Ordinal));
        Assert.DoesNotContain(imap.Commands, c => c.StartsWith("SELECT", StringComparison.Ordinal) || c.Contains("BODY[]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetching_again_creates_nothing_and_a_later_message_makes_exactly_one_more_ticket()
    {
        await using var imap = new ImapTestServer(UserName, Password);
        imap.Inbox.Add(Mail("repeat@customer.test", "Where is my parcel?", "Still waiting."));
        imap.Inbox.Add(Mail("repeat@customer.test", "Also: gift wrap?", "Can you wrap it?"));
        var fetcher = Fetcher(database, Settings(imapPort: imap.Port));

        Assert.Equal(2, (await fetcher.FetchAsync(default)).Created);
        var again = await fetcher.FetchAsync(default);
        Assert.Equal((0, 0), (again.Fetched, again.Created));
        Assert.Equal(2, await TicketsFromAsync("repeat@customer.test"));

        imap.Inbox.Add(Mail("repeat@customer.test", "Never mind, it came", "Thanks!"));
        var third = await fetcher.FetchAsync(default);

        Assert.Equal((1, 1, 3u), (third.Fetched, third.Created, third.LastUid));
        Assert.Equal(3, await TicketsFromAsync("repeat@customer.test"));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Email == "repeat@customer.test"));
    }

    [Fact]
    public async Task Two_hosts_fetching_the_same_mailbox_at_once_create_each_ticket_once()
    {
        await using var imap = new ImapTestServer(UserName, Password);
        for (var i = 1; i <= 5; i++) imap.Inbox.Add(Mail("two.hosts@customer.test", $"Question {i}", "…"));

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Fetcher(database, Settings(imapPort: imap.Port)).FetchAsync(default))));

        Assert.Equal(5, results.Sum(r => r.Created));
        Assert.Equal(5, await TicketsFromAsync("two.hosts@customer.test"));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Email == "two.hosts@customer.test"));
    }

    [Fact]
    public async Task The_polling_worker_fetches_at_start_and_again_every_period()
    {
        await using var imap = new ImapTestServer(UserName, Password);
        imap.Inbox.Add(Mail("poller@customer.test", "First", "…"));
        var settings = Settings(imapPort: imap.Port) with { PollSeconds = 1 };
        using var worker = new EmailPollingWorker(Fetcher(database, settings), settings, TimeProvider.System, NullLogger<EmailPollingWorker>.Instance);

        await worker.StartAsync(default);
        await WaitForAsync(() => TicketsFromAsync("poller@customer.test"), 1);
        imap.Inbox.Add(Mail("poller@customer.test", "Second", "…"));
        await WaitForAsync(() => TicketsFromAsync("poller@customer.test"), 2);
        await worker.StopAsync(default);
    }

    private static async Task WaitForAsync(Func<Task<int>> count, int expected)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); await count() != expected; await Task.Delay(100))
            Assert.True(DateTime.UtcNow < deadline, $"expected {expected} tickets within 15 s");
    }

    [Fact]
    public async Task A_renumbered_mailbox_is_read_again_without_duplicating_tickets()
    {
        await using var imap = new ImapTestServer(UserName, Password);
        imap.Inbox.Add(Mail("renumbered@customer.test", "Size question", "Is the M a true medium?"));
        var fetcher = Fetcher(database, Settings(imapPort: imap.Port));
        await fetcher.FetchAsync(default);

        imap.Inbox.Renumber(imap.Inbox.UidValidity + 1);
        var afterRenumbering = await fetcher.FetchAsync(default);

        Assert.Equal((1, 0, 1), (afterRenumbering.Fetched, afterRenumbering.Created, afterRenumbering.AlreadyKnown));
        Assert.Equal(1, await TicketsFromAsync("renumbered@customer.test"));
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_error_and_writes_nothing()
    {
        await using var imap = new ImapTestServer(UserName, Password);
        imap.Inbox.Add(Mail("locked.out@customer.test", "Hello?", "Anyone there?"));

        var error = await Assert.ThrowsAsync<EmailFetchException>(() => Fetcher(database, Settings(imapPort: imap.Port, password: "wrong-password")).FetchAsync(default));

        Assert.Contains("rejected the user name or password", error.Message);
        Assert.DoesNotContain("wrong-password", error.Message);
        Assert.Equal(1, imap.RefusedLogins);
        Assert.Equal(0, await TicketsFromAsync("locked.out@customer.test"));
        await using var db = database.CreateContext();
        Assert.False(await db.Customers.AnyAsync(c => c.Email == "locked.out@customer.test"));
        Assert.False(await db.LearningCursors.AnyAsync(c => c.Name == EmailTicketStore.CursorName("INBOX", imap.Inbox.UidValidity)));
    }

    private async Task<int> TicketsFromAsync(string email)
    {
        await using var db = database.CreateContext();
        return await (from t in db.SupportTickets join c in db.Customers on t.CustomerId equals c.Id where c.Email == email && t.Channel == "email" select t).CountAsync();
    }
}
