using System.Net;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Console;

public sealed class StaticAssetsTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/app.css")]
    public async Task The_console_scripts_and_styles_are_served(string path)
    {
        var response = await server.AnonymousClient.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());

        // Browsers ask for compressed variants; those must exist too.
        using var compressed = new HttpRequestMessage(HttpMethod.Get, path);
        compressed.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        var compressedResponse = await server.AnonymousClient.SendAsync(compressed);
        Assert.Equal(HttpStatusCode.OK, compressedResponse.StatusCode);
        Assert.NotEmpty(await compressedResponse.Content.ReadAsByteArrayAsync());
    }
}
