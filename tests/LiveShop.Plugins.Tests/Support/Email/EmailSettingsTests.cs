using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Support.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace LiveShop.Plugins.Tests.Support.Email;

public sealed class EmailSettingsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        // Later entries win, so a test can override one of the complete settings.
        new ConfigurationBuilder().AddInMemoryCollection(settings.GroupBy(s => s.Key)
            .Select(g => new KeyValuePair<string, string?>($"Integrations:Email:{g.Key}", g.Last().Value))).Build();

    private static IConfiguration Complete(params (string Key, string Value)[] overrides) => Configuration(
        [("SmtpHost", "smtp.shop.example"), ("ImapHost", "imap.shop.example"), ("UserName", "support@shop.example"),
         ("Password", "hunter2-secret"), ("FromAddress", "support@shop.example"), .. overrides]);

    [Fact]
    public void Defaults_are_submission_with_starttls_imaps_inbox_and_a_minute_between_fetches()
    {
        var settings = EmailSettings.Read(Complete().GetSection(EmailSettings.Section));

        Assert.Equal((587, 993, EmailSecurity.StartTls, "INBOX", 60), (settings.SmtpPort, settings.ImapPort, settings.Security, settings.Mailbox, settings.PollSeconds));
    }

    [Fact]
    public void Unencrypted_connections_are_refused_for_a_host_that_is_not_loopback()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmailSettings.Read(Complete(("Security", "None")).GetSection(EmailSettings.Section)));

        Assert.Contains("Security None", error.Message);
        Assert.Contains("smtp.shop.example", error.Message);
        Assert.Contains("imap.shop.example", error.Message);
        Assert.DoesNotContain("hunter2-secret", error.Message);
    }

    [Fact]
    public void Unencrypted_connections_are_allowed_to_loopback_test_servers()
    {
        var settings = EmailSettings.Read(Complete(("Security", "none"), ("SmtpHost", "127.0.0.1"), ("ImapHost", "localhost")).GetSection(EmailSettings.Section));

        Assert.Equal(EmailSecurity.None, settings.Security);
    }

    [Fact]
    public void Every_problem_of_a_misconfigured_section_is_named_at_once()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmailSettings.Read(
            Configuration(("SmtpHost", "smtp.shop.example"), ("SmtpPort", "eighty"), ("Security", "Tls13"), ("FromAddress", "not an address")).GetSection(EmailSettings.Section)));

        foreach (var expected in new[] { "ImapHost is required", "UserName is required", "Password is required", "SmtpPort must be", "Security must be", "FromAddress 'not an address'" })
            Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_settings_text_never_shows_the_password()
    {
        var text = EmailSettings.Read(Complete().GetSection(EmailSettings.Section)).ToString();

        Assert.Contains("imap.shop.example", text);
        Assert.DoesNotContain("hunter2-secret", text);
    }

    [Fact]
    public void Registration_adds_nothing_without_the_section_and_the_connector_and_poller_with_it()
    {
        var none = new ServiceCollection();
        Assert.False(EmailServices.AddEmail(none, Configuration()));
        Assert.Empty(none);

        var live = new ServiceCollection();
        Assert.True(EmailServices.AddEmail(live, Complete()));
        Assert.Contains(live, d => d.ServiceType == typeof(ILiveActionConnector));
        Assert.Contains(live, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EmailPollingWorker));
        Assert.Contains(live, d => d.ServiceType == typeof(EmailTicketFetcher));
        Assert.Throws<InvalidOperationException>(() => EmailServices.AddEmail(new ServiceCollection(), Complete(("Password", ""))));
    }

    [Fact]
    public void Incoming_mail_rules_pick_priority_order_mentions_and_stable_ids()
    {
        Assert.Equal("high", IncomingTicketRules.Priority("Chargeback notice", ""));
        Assert.Equal("high", IncomingTicketRules.Priority("Hello", "this looks like FRAUD to me"));
        Assert.Equal("high", IncomingTicketRules.Priority("Needed urgently", "for a wedding"));
        Assert.Equal("normal", IncomingTicketRules.Priority("Sizes", "Which size fits a 40 chest?"));
        Assert.Equal(["o_12", "o_7"], IncomingTicketRules.MentionedOrderIds("About O_12", "see o_7 and o_12; not foo_9 or o_x"));
        Assert.Equal(IncomingTicketRules.CustomerId("Ada@Customer.test"), IncomingTicketRules.CustomerId("ada@customer.test"));
        Assert.StartsWith("t_em_", IncomingTicketRules.TicketId("abc@customer.test"));
        var html = new MimeMessage { Body = new TextPart("html") { Text = "<p>Where&nbsp;is <b>o_5</b>?</p>" } };
        Assert.Equal("Where\u00a0is o_5 ?", IncomingTicketRules.Body(html));
    }
}
