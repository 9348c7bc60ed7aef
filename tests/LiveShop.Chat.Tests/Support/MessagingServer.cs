using System.Globalization;
using System.Text;
using LiveShop.Chat.Messaging.Linking;
using LiveShop.Chat.Messaging.Slack;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Chat.Tests.Support;

/// <summary>
/// The real host with Slack and Teams configured against local fakes, over a database holding the four users, a
/// supplier, cash accounts and order o_1042; helpers sign Slack requests and link chat accounts.
/// </summary>
public sealed class MessagingServer : LiveShopServer
{
    /// <summary>Signing secret of the test Slack app.</summary>
    public const string SigningSecret = "test-signing-secret";

    /// <summary>App id (token audience) of the test Teams bot.</summary>
    public const string TeamsAppId = "test-teams-app";

    /// <summary>Approvals channel and Teams conversation.</summary>
    public const string ApprovalsChannel = "C_APPROVALS", TeamsConversation = "19:approvals@thread.tacv2";

    /// <summary>The fake Slack Web API.</summary>
    public FakeSlackApi Slack { get; } = new();

    /// <summary>The fake Bot Framework (issuer, token endpoint, connector).</summary>
    public FakeBotFramework Bot { get; } = new();

    protected override IEnumerable<string> ExtraArguments =>
        [
            $"--Slack:SigningSecret={SigningSecret}", "--Slack:BotToken=xoxb-test", $"--Slack:ApprovalsChannel={ApprovalsChannel}", $"--Slack:ApiBaseUrl={Slack.BaseUrl}",
            $"--Teams:AppId={TeamsAppId}", "--Teams:AppPassword=test-password", "--Teams:TenantId=test-tenant",
            $"--Teams:OpenIdMetadataUrl={Bot.BaseUrl}/.well-known/openid-configuration", $"--Teams:TokenEndpoint={Bot.BaseUrl}/token",
            $"--Teams:ApprovalsServiceUrl={Bot.BaseUrl}", $"--Teams:ApprovalsConversationId={TeamsConversation}",
            $"--Teams:AllowedServiceUrls:0={Bot.BaseUrl}",
            "--Messaging:SyncIntervalSeconds=0.2",
        ];

    public override async Task InitializeAsync()
    {
        await Slack.StartAsync();
        await Bot.StartAsync();
        await base.InitializeAsync();
        await SeedAsync();
    }

    /// <summary>Links a chat account to a product user through the real code flow.</summary>
    public async Task LinkAsync(string platform, string externalUserId, string email)
    {
        var links = Services.GetRequiredService<ChatUserLinks>();
        var code = await links.CreateCodeAsync(platform, externalUserId, CancellationToken.None);
        var confirmation = await links.ConfirmAsync(code, email, CancellationToken.None);
        Assert.True(confirmation.Linked, confirmation.Message);
    }

    /// <summary>Submits an action through the real pipeline as an agent would; returns the approval id it waits on.</summary>
    public async Task<Guid> RequestApprovalAsync(string action, object parameters)
    {
        var packet = ActionPacket.Create(action, parameters) with { RequestedBy = "agent:cfo" };
        var outcome = await Services.GetRequiredService<IActionPipeline>().SubmitAsync(packet);
        Assert.Equal(ActionStatus.AwaitingApproval, outcome.Status);
        return outcome.ApprovalId!.Value;
    }

    /// <summary>The approval's status in the database.</summary>
    public async Task<string> ApprovalStatusAsync(Guid approvalId)
    {
        await using var command = Database.DataSource.CreateCommand("SELECT status FROM approvals WHERE id = $1");
        command.Parameters.Add(new() { Value = approvalId });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The approval's status once it is <paramref name="status"/> (or after 10 s): a card may show "approved" a moment
    /// before the execution that follows the approval has closed it as "executed".
    /// </summary>
    public async Task<string> WaitForApprovalStatusAsync(Guid approvalId, string status)
    {
        for (var i = 0; i < 100 && await ApprovalStatusAsync(approvalId) != status; i++) await Task.Delay(100);
        return await ApprovalStatusAsync(approvalId);
    }

    /// <summary>A request to a Slack endpoint signed as Slack would sign it, <paramref name="age"/> ago.</summary>
    public static HttpRequestMessage SlackRequest(string path, string body, string contentType, TimeSpan? age = null, string? secret = null, int? retry = null)
    {
        var timestamp = DateTimeOffset.UtcNow.Subtract(age ?? TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret ?? SigningSecret, timestamp, Encoding.UTF8.GetBytes(body)));
        if (retry is { } n) request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
        return request;
    }

    /// <summary>An interaction request (<c>payload=</c> form) signed as Slack would sign it.</summary>
    public static HttpRequestMessage SlackInteraction(string payloadJson) =>
        SlackRequest("/api/slack/interactions", "payload=" + Uri.EscapeDataString(payloadJson), "application/x-www-form-urlencoded");

    private async Task SeedAsync()
    {
        await using var command = Database.DataSource.CreateCommand("""
            INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES
              (gen_random_uuid(), 'founder@liveshop.local', 'F', 'founder', now(), false),
              (gen_random_uuid(), 'approver@liveshop.local', 'A', 'approver', now(), false),
              (gen_random_uuid(), 'support@liveshop.local', 'S', 'support', now(), false)
            ON CONFLICT (email) DO NOTHING;
            INSERT INTO suppliers (id, name, country, lead_time_days, on_time_rate, status) VALUES ('sup_1', 'Acme', 'AU', 7, 95, 'active');
            INSERT INTO ledger_accounts (code, name, type) VALUES ('1000', 'Cash at bank', 'asset'), ('1200', 'Inventory', 'asset');
            """);
        await command.ExecuteNonQueryAsync();
        await using var context = Database.CreateContext();
        context.Customers.Add(new() { Id = "c_1", Email = "c1@example.com", Name = "Casey", Country = "AU", CreatedAt = Clock.GetUtcNow().AddDays(-30) });
        context.Orders.Add(new()
        {
            Id = "o_1042", CustomerId = "c_1", Channel = "shopify", PlacedAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), Status = "shipped",
            Subtotal = 70m, ShippingFee = 8m, Total = 78m, Currency = "AUD", Ip = "203.0.113.7", DeviceId = "d_1", BillingCountry = "AU", ShippingCountry = "AU",
            FirstOrder = true, FulfilledAt = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
        });
        await context.SaveChangesAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Slack.DisposeAsync();
        await Bot.DisposeAsync();
    }
}
