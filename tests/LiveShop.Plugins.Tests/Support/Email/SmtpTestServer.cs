using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace LiveShop.Plugins.Tests.Support.Email;

/// <summary>How the test SMTP server answers the end of a message's DATA.</summary>
internal enum SmtpTestMode
{
    /// <summary>250: stored.</summary>
    Accept,
    /// <summary>451 for the first message, then 250.</summary>
    TransientOnceThenAccept,
    /// <summary>550 for every message.</summary>
    Reject,
}

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that requires the test credentials, records every message it
/// accepted, and can answer 451 once or 550 always.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly RecordingStore _store;

    private SmtpTestServer(string userName, string password, SmtpTestMode mode)
    {
        _store = new RecordingStore(mode);
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)).AllowUnsecureAuthentication(true).AuthenticationRequired(true))
            .Build();
        var services = new ServiceProvider();
        services.Add(_store);
        services.Add(listeners);
        services.Add(new DelegatingUserAuthenticator((user, pass) => user == userName && pass == password));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
        Port = started.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    public int Port { get; }

    /// <summary>Messages the server accepted, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Received => _store.Received.ToArray();

    /// <summary>Messages the server answered with an error (4xx or 5xx).</summary>
    public int Refused => _store.Refused;

    public static SmtpTestServer Start(string userName, string password, SmtpTestMode mode = SmtpTestMode.Accept) => new(userName, password, mode);

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { } catch (TimeoutException) { }
        _stop.Dispose();
    }

    private sealed class RecordingStore(SmtpTestMode mode) : MessageStore
    {
        private int _attempts;
        public ConcurrentQueue<MimeMessage> Received { get; } = new();
        public int Refused;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            if (mode == SmtpTestMode.Reject || (mode == SmtpTestMode.TransientOnceThenAccept && attempt == 1))
            {
                Interlocked.Increment(ref Refused);
                return mode == SmtpTestMode.Reject
                    ? new SmtpResponse((SmtpReplyCode)550, "5.7.1 message rejected by policy")
                    : new SmtpResponse((SmtpReplyCode)451, "4.3.0 temporary local problem, try again");
            }
            using var stream = new MemoryStream(buffer.ToArray());
            Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
