using System.Net;
using System.Text;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace LiveShop.Plugins.Support.Email;

/// <summary>How the email connector protects its SMTP and IMAP connections.</summary>
public enum EmailSecurity
{
    /// <summary>Plain connect, then a required STARTTLS upgrade (IMAP on the implicit-TLS port 993 connects with TLS instead).</summary>
    StartTls,
    /// <summary>TLS from the first byte (SMTP 465, IMAP 993).</summary>
    SslOnConnect,
    /// <summary>No encryption; accepted only for a loopback host (local test servers).</summary>
    None,
}

/// <summary>
/// The mailbox the shop's support email runs through (configuration section <c>Integrations:Email</c>): where replies are
/// sent from and which IMAP folder becomes support tickets. Its text form never shows the password.
/// </summary>
public sealed record EmailSettings
{
    /// <summary>The configuration section the settings are read from.</summary>
    public const string Section = "Integrations:Email";

    /// <summary>SMTP server that sends replies.</summary>
    public required string SmtpHost { get; init; }

    /// <summary>SMTP port; 587 (submission with STARTTLS) unless configured.</summary>
    public int SmtpPort { get; init; } = 587;

    /// <summary>IMAP server whose mailbox is read into tickets.</summary>
    public required string ImapHost { get; init; }

    /// <summary>IMAP port; 993 unless configured.</summary>
    public int ImapPort { get; init; } = 993;

    /// <summary>Account name for both SMTP and IMAP.</summary>
    public required string UserName { get; init; }

    /// <summary>Account password; never logged or printed.</summary>
    public required string Password { get; init; }

    /// <summary>The address replies come from, e.g. <c>support@shop.example</c>.</summary>
    public required string FromAddress { get; init; }

    /// <summary>Connection protection for both servers.</summary>
    public EmailSecurity Security { get; init; } = EmailSecurity.StartTls;

    /// <summary>The IMAP folder read into tickets.</summary>
    public string Mailbox { get; init; } = "INBOX";

    /// <summary>Seconds between two fetches of the polling worker.</summary>
    public int PollSeconds { get; init; } = 60;

    /// <summary>How many times a reply is tried when the SMTP server answers 4xx or cannot be reached.</summary>
    public int SendAttempts { get; init; } = 4;

    /// <summary>Wait before the second attempt; it doubles for each further attempt.</summary>
    public TimeSpan SendRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Reads and checks the settings of a configured section, throwing <see cref="InvalidOperationException"/> with every
    /// problem named (never the password's value).
    /// </summary>
    public static EmailSettings Read(IConfigurationSection section)
    {
        var problems = new List<string>();
        string Required(string name)
        {
            var value = section[name];
            if (string.IsNullOrWhiteSpace(value)) problems.Add($"{Section}:{name} is required");
            return value?.Trim() ?? "";
        }
        int Number(string name, int fallback, int min, int max)
        {
            var text = section[name];
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
            problems.Add($"{Section}:{name} must be a whole number from {min} to {max} (was '{text}')");
            return fallback;
        }

        var security = EmailSecurity.StartTls;
        if (section["Security"] is { Length: > 0 } securityText && !Enum.TryParse(securityText, ignoreCase: true, out security))
            problems.Add($"{Section}:Security must be StartTls, SslOnConnect or None (was '{securityText}')");
        var settings = new EmailSettings
        {
            SmtpHost = Required("SmtpHost"), SmtpPort = Number("SmtpPort", 587, 1, 65535),
            ImapHost = Required("ImapHost"), ImapPort = Number("ImapPort", 993, 1, 65535),
            UserName = Required("UserName"), Password = section["Password"] ?? "", FromAddress = Required("FromAddress"),
            Security = security,
            Mailbox = string.IsNullOrWhiteSpace(section["Mailbox"]) ? "INBOX" : section["Mailbox"]!.Trim(),
            PollSeconds = Number("PollSeconds", 60, 5, 86400),
            SendAttempts = Number("SendAttempts", 4, 1, 10),
        };
        if (string.IsNullOrEmpty(settings.Password)) problems.Add($"{Section}:Password is required");
        if (settings.FromAddress.Length > 0 && !MimeKit.MailboxAddress.TryParse(settings.FromAddress, out _))
            problems.Add($"{Section}:FromAddress '{settings.FromAddress}' is not an email address");
        problems.AddRange(settings.SecurityProblems());
        if (problems.Count > 0)
            throw new InvalidOperationException("The email integration is misconfigured: " + string.Join("; ", problems) + ".");
        return settings;
    }

    /// <summary>Why the security mode is not acceptable for these hosts (empty when it is).</summary>
    public IEnumerable<string> SecurityProblems()
    {
        if (Security != EmailSecurity.None) yield break;
        foreach (var (name, host) in new[] { ("SmtpHost", SmtpHost), ("ImapHost", ImapHost) })
            if (host.Length > 0 && !IsLoopback(host))
                yield return $"{Section}:Security None sends the password unencrypted and is only allowed for a loopback host, but {name} is '{host}'";
    }

    /// <summary>The MailKit socket option for the SMTP connection.</summary>
    internal SecureSocketOptions SmtpSocketOptions => Security switch
    {
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        EmailSecurity.None => SecureSocketOptions.None,
        _ => SmtpPort == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
    };

    /// <summary>The MailKit socket option for the IMAP connection.</summary>
    internal SecureSocketOptions ImapSocketOptions => Security switch
    {
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        EmailSecurity.None => SecureSocketOptions.None,
        _ => ImapPort == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
    };

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    // Records print every property; the password must never reach a log line through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"SmtpHost = {SmtpHost}, SmtpPort = {SmtpPort}, ImapHost = {ImapHost}, ImapPort = {ImapPort}, UserName = {UserName}, ");
        builder.Append($"Password = ***, FromAddress = {FromAddress}, Security = {Security}, Mailbox = {Mailbox}, PollSeconds = {PollSeconds}");
        return true;
    }
}
