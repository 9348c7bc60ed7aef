using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LiveShop.Plugins.Tests.Support.Email;

/// <summary>
/// A minimal IMAP4rev1 server on 127.0.0.1 for the email connector's tests: greeting, CAPABILITY, LOGIN, LIST,
/// SELECT/EXAMINE, UID SEARCH, UID FETCH (UID, FLAGS, RFC822.SIZE, BODY[] / BODY.PEEK[]), NOOP and LOGOUT: what
/// MailKit's ImapClient needs to read a mailbox. One session task per connection.
/// </summary>
internal sealed class ImapTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Dictionary<string, ImapTestMailbox> _mailboxes = new(StringComparer.Ordinal);

    public ImapTestServer(string userName, string password)
    {
        UserName = userName;
        Password = password;
        // A fresh UIDVALIDITY per server, so tests sharing a database never share a mailbox position.
        _mailboxes["INBOX"] = new ImapTestMailbox("INBOX", (uint)Random.Shared.Next(1, int.MaxValue - 1000));
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string UserName { get; }
    public string Password { get; }
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public ImapTestMailbox Inbox => _mailboxes["INBOX"];

    /// <summary>Every command name and its arguments as received (LOGIN arguments left out), in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>How many LOGIN commands were refused, so a test can see the credentials were checked.</summary>
    public int RefusedLogins;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client), _stop.Token);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var session = new Session(this, stream);
        try
        {
            await session.RunAsync(_stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // The client went away; nothing to clean up beyond the socket.
        }
    }

    private sealed class Session(ImapTestServer server, NetworkStream stream)
    {
        private bool _authenticated;
        private ImapTestMailbox? _selected;
        private bool _readOnly;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await WriteAsync("* OK [CAPABILITY IMAP4rev1] LiveShop test IMAP ready\r\n", cancellationToken);
            while (await ReadCommandLineAsync(cancellationToken) is { } line)
            {
                ImapCommand command;
                try
                {
                    command = ImapCommandParser.Parse(line);
                }
                catch (FormatException e)
                {
                    await WriteAsync($"* BAD {e.Message}\r\n", cancellationToken);
                    continue;
                }
                server.Commands.Enqueue(command.Name == "LOGIN" ? "LOGIN" : $"{command.Name} {string.Join(' ', command.Arguments)}".Trim());
                if (!await HandleAsync(command, cancellationToken)) return;
            }
        }

        private async Task<bool> HandleAsync(ImapCommand c, CancellationToken ct)
        {
            try
            {
                switch (c.Name)
                {
                    case "CAPABILITY":
                        await WriteAsync($"* CAPABILITY IMAP4rev1\r\n{c.Tag} OK CAPABILITY completed\r\n", ct);
                        break;
                    case "NOOP":
                        await WriteAsync($"{c.Tag} OK NOOP completed\r\n", ct);
                        break;
                    case "LOGOUT":
                        await WriteAsync($"* BYE logging out\r\n{c.Tag} OK LOGOUT completed\r\n", ct);
                        return false;
                    case "LOGIN":
                        _authenticated = c.Text(0) == server.UserName && c.Text(1) == server.Password;
                        if (!_authenticated) Interlocked.Increment(ref server.RefusedLogins);
                        await WriteAsync(_authenticated ? $"{c.Tag} OK LOGIN completed\r\n" : $"{c.Tag} NO [AUTHENTICATIONFAILED] invalid credentials\r\n", ct);
                        break;
                    case "LIST" when _authenticated:
                        await ListAsync(c, ct);
                        break;
                    case "SELECT" or "EXAMINE" when _authenticated:
                        await SelectAsync(c, ct);
                        break;
                    case "UID SEARCH" when _selected is not null:
                        await SearchAsync(c, ct);
                        break;
                    case "UID FETCH" when _selected is not null:
                        await FetchAsync(c, ct);
                        break;
                    default:
                        await WriteAsync($"{c.Tag} BAD {c.Name} is not supported in this state\r\n", ct);
                        break;
                }
            }
            catch (FormatException e)
            {
                await WriteAsync($"{c.Tag} BAD {e.Message}\r\n", ct);
            }
            return true;
        }

        private async Task ListAsync(ImapCommand c, CancellationToken ct)
        {
            var pattern = c.Text(1);
            var reply = new StringBuilder();
            if (pattern.Length == 0) reply.Append("* LIST (\\Noselect) \"/\" \"\"\r\n");
            else
                foreach (var mailbox in server._mailboxes.Values.Where(m => pattern is "*" or "%" || m.Name.Equals(pattern, StringComparison.OrdinalIgnoreCase)))
                    reply.Append($"* LIST (\\HasNoChildren) \"/\" {ImapCommandParser.Quote(mailbox.Name)}\r\n");
            reply.Append($"{c.Tag} OK LIST completed\r\n");
            await WriteAsync(reply.ToString(), ct);
        }

        private async Task SelectAsync(ImapCommand c, CancellationToken ct)
        {
            var name = c.Text(0);
            var mailbox = server._mailboxes.Values.FirstOrDefault(m =>
                m.Name == name || (m.Name == "INBOX" && name.Equals("INBOX", StringComparison.OrdinalIgnoreCase)));
            if (mailbox is null)
            {
                _selected = null;
                await WriteAsync($"{c.Tag} NO [NONEXISTENT] no mailbox {name}\r\n", ct);
                return;
            }
            _selected = mailbox;
            _readOnly = c.Name == "EXAMINE";
            var messages = mailbox.Snapshot();
            await WriteAsync(
                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n" +
                "* OK [PERMANENTFLAGS ()] no permanent flags\r\n" +
                $"* {messages.Count} EXISTS\r\n* 0 RECENT\r\n" +
                $"* OK [UIDVALIDITY {mailbox.UidValidity}] UIDs valid\r\n* OK [UIDNEXT {mailbox.UidNext}] predicted next UID\r\n" +
                $"{c.Tag} OK [{(_readOnly ? "READ-ONLY" : "READ-WRITE")}] {c.Name} completed\r\n", ct);
        }

        private async Task SearchAsync(ImapCommand c, CancellationToken ct)
        {
            var uids = _selected!.Snapshot().Select(m => m.Uid).ToList();
            var criteria = c.Arguments.Select(a => a.ToString()).ToList();
            if (criteria.Count >= 2 && criteria[0].Equals("CHARSET", StringComparison.OrdinalIgnoreCase)) criteria.RemoveRange(0, 2);
            IReadOnlyList<uint> found = criteria switch
            {
                ["ALL"] => uids,
                [var key, var set] when key.Equals("UID", StringComparison.OrdinalIgnoreCase) => ImapCommandParser.SelectUids(set, uids),
                [var set] when char.IsAsciiDigit(set[0]) || set[0] == '*' => ImapCommandParser.SelectUids(set, Enumerable.Range(1, uids.Count).Select(i => (uint)i).ToList())
                    .Select(seq => uids[(int)seq - 1]).ToList(),
                _ => throw new FormatException($"search criteria '{string.Join(' ', criteria)}' are not supported"),
            };
            await WriteAsync($"* SEARCH{string.Concat(found.Select(u => " " + u.ToString(CultureInfo.InvariantCulture)))}\r\n{c.Tag} OK SEARCH completed\r\n", ct);
        }

        private async Task FetchAsync(ImapCommand c, CancellationToken ct)
        {
            var messages = _selected!.Snapshot().ToList();
            var selected = ImapCommandParser.SelectUids(c.Text(0), messages.Select(m => m.Uid).ToList());
            var items = c.Arguments.Count > 1 && c.Arguments[1].IsList ? c.Arguments[1].Items!.Select(i => i.ToString().ToUpperInvariant()).ToList()
                : c.Arguments.Skip(1).Select(a => a.ToString().ToUpperInvariant()).ToList();
            foreach (var uid in selected)
            {
                var index = messages.FindIndex(m => m.Uid == uid);
                var message = messages[index];
                var reply = new MemoryStream();
                void Text(string s) => reply.Write(Encoding.ASCII.GetBytes(s));
                Text($"* {index + 1} FETCH (UID {uid}");
                foreach (var item in items)
                    switch (item)
                    {
                        case "UID": break;
                        case "FLAGS": Text($" FLAGS ({string.Join(' ', message.Flags)})"); break;
                        case "RFC822.SIZE": Text($" RFC822.SIZE {message.Raw.Length}"); break;
                        case "BODY[]" or "BODY.PEEK[]" or "RFC822":
                            if (item != "BODY.PEEK[]" && !_readOnly) message.Flags.Add("\\Seen");
                            Text($" {(item == "RFC822" ? "RFC822" : "BODY[]")} {{{message.Raw.Length}}}\r\n");
                            reply.Write(message.Raw);
                            break;
                        default: throw new FormatException($"fetch item {item} is not supported");
                    }
                Text(")\r\n");
                await stream.WriteAsync(reply.ToArray(), ct);
            }
            await WriteAsync($"{c.Tag} OK FETCH completed\r\n", ct);
        }

        // One command line with any literals inlined; a synchronising literal gets its "+" continuation first.
        private async Task<string?> ReadCommandLineAsync(CancellationToken ct)
        {
            var line = await ReadLineAsync(ct);
            while (line is not null && ImapCommandParser.EndsWithLiteral(line, out var length, out var synchronizing))
            {
                if (synchronizing) await WriteAsync("+ Ready for literal\r\n", ct);
                var literal = new byte[length];
                await stream.ReadExactlyAsync(literal, ct);
                var rest = await ReadLineAsync(ct) ?? "";
                line = ImapCommandParser.InlineLiteral(line, literal) + rest;
            }
            return line;
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var bytes = new List<byte>();
            var one = new byte[1];
            while (true)
            {
                if (await stream.ReadAsync(one, ct) == 0) return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
                if (one[0] == '\n') return Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
                bytes.Add(one[0]);
            }
        }

        private Task WriteAsync(string text, CancellationToken ct) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask();
    }
}
