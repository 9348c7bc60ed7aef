using LiveShop.Chat.Tests.Alerts;
using LiveShop.Chat.Tests.Support;
using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Memory.Events.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Messaging;

/// <summary>A raised alert is posted to the Slack approvals channel and the Teams approvals conversation (local fakes).</summary>
public sealed class AlertDeliveryTests(MessagingServer server) : IClassFixture<MessagingServer>
{
    [Fact]
    public async Task A_raised_alert_reaches_slack_and_teams_once_in_plain_words()
    {
        var runner = server.Services.GetRequiredService<SubscriptionRunner>();
        await runner.CatchUpAsync(CancellationToken.None); // the delivery starts at the head: what is raised from now on is posted
        var alert = (await server.Services.GetRequiredService<AlertStore>().RaiseAsync(AlertSamples.RefundSpike("p_slack"), TimeSpan.FromDays(3), CancellationToken.None))!;
        await runner.CatchUpAsync(CancellationToken.None);

        var posted = await server.Slack.WaitForAsync("chat.postMessage", b => b["text"]?.GetValue<string>().Contains("p_slack") == true);
        Assert.Equal(MessagingServer.ApprovalsChannel, posted.Body["channel"]!.GetValue<string>());
        Assert.Equal("Alert: refund spike — " + AlertSamples.Seen("p_slack") + ". " + alert.Draft.Message, posted.Body["text"]!.GetValue<string>());
        Assert.Contains("Acknowledge or resolve", posted.Body["blocks"]!.ToJsonString());

        for (var waited = 0; waited < 150 && !server.Bot.Calls.Any(c => c.Body.ToJsonString().Contains("p_slack")); waited++) await Task.Delay(100);
        var teams = Assert.Single(server.Bot.Calls, c => c.Body.ToJsonString().Contains("p_slack"));
        Assert.Contains(MessagingServer.TeamsConversation, Uri.UnescapeDataString(teams.Path));
        Assert.Contains(AlertSamples.Seen("p_slack"), teams.Body["text"]!.GetValue<string>());

        // Acknowledging is not a new alert: nothing more is posted.
        await server.Services.GetRequiredService<AlertStore>().AcknowledgeAsync(alert.AlertId, MessagingServer.FounderEmail, CancellationToken.None);
        await runner.CatchUpAsync(CancellationToken.None);
        Assert.Single(server.Slack.CallsOf("chat.postMessage", b => b["text"]?.GetValue<string>().Contains("p_slack") == true));
    }
}
