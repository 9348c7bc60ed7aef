using System.Net;
using System.Text;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Messaging;

public sealed class MessagingNotConfiguredTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    [Theory]
    [InlineData("/api/slack/events")]
    [InlineData("/api/slack/commands")]
    [InlineData("/api/slack/interactions")]
    [InlineData("/api/teams/messages")]
    public async Task Endpoints_do_not_exist_until_their_secret_is_configured(string path)
    {
        // Even a correctly signed request is refused: there is no secret to check it against.
        var request = MessagingServer.SlackRequest(path, """{"type":"url_verification","challenge":"c"}""", "application/json", secret: "");
        var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("\"c\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
