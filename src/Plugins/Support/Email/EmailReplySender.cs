using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace LiveShop.Plugins.Support.Email;

/// <summary>The SMTP server refused a reply for good (5xx, bad credentials), or stayed unreachable through every retry.</summary>
public sealed class EmailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when retrying cannot help (a 5xx answer or rejected credentials).</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>
/// Sends one message through the configured SMTP server with MailKit: a fresh connection per attempt, 4xx answers and
/// unreachable servers retried with doubling back-off, 5xx answers failing at once.
/// </summary>
public sealed class EmailReplySender(EmailSettings settings, TimeProvider time, ILogger<EmailReplySender> logger)
{
    /// <summary>
    /// The Message-Id of a reply sent for an action: derived from the gateway idempotency key, so a retried send carries
    /// the same id and the receiving side (or a later audit) recognises it as the same reply.
    /// </summary>
    public static string ReplyMessageId(string idempotencyKey, string fromAddress)
    {
        var domain = MailboxAddress.TryParse(fromAddress, out var from) && from.Domain.Length > 0 ? from.Domain : "localhost";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        return $"reply-{hash}@{domain}";
    }

    /// <summary>Sends the message; throws <see cref="EmailDeliveryException"/> when it could not be delivered to the server.</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var delay = settings.SendRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendOnceAsync(message, cancellationToken);
                return;
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && attempt < settings.SendAttempts)
            {
                logger.LogWarning("SMTP attempt {Attempt} of {Attempts} for {MessageId} failed ({Reason}); retrying in {Delay}",
                    attempt, settings.SendAttempts, message.MessageId, Describe(e), delay);
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var permanent = !IsTransient(e, cancellationToken);
                throw new EmailDeliveryException(permanent
                    ? $"the SMTP server {settings.SmtpHost}:{settings.SmtpPort} refused the message: {Describe(e)}"
                    : $"the SMTP server {settings.SmtpHost}:{settings.SmtpPort} could not take the message after {attempt} attempts: {Describe(e)}",
                    permanent, e);
            }
        }
    }

    private async Task SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpSocketOptions, cancellationToken);
        if (client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            await client.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException)
        {
            // The server took the message; a connection lost while saying goodbye must not cause a second send.
            logger.LogDebug(e, "SMTP QUIT after {MessageId} failed", message.MessageId);
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException => false,
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message.Trim()}",
        AuthenticationException => "the user name or password was rejected",
        SocketException socket => socket.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : socket.Message,
        _ => e.Message,
    };
}
