using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.Api;

/// <summary>
/// What every JSON endpoint does with a body it cannot take: too large → 413 (also when sent chunked, with no
/// Content-Length), text that is not valid Unicode → 400 naming the field, money with more decimals than the currency → 400.
/// Always problem+json, never a 500, and nothing recorded.
/// </summary>
public sealed class RequestHygieneTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    private static readonly byte[] InvalidUtf8 = [0xC3, 0x28, 0xFF];

    /// <summary>A body for each JSON endpoint with <c>TEXT</c> standing where the bad text goes, and the field it lands in.</summary>
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "/api/chat", """{"message":"TEXT","user":"founder@liveshop.local"}""", "message" },
        { "/api/gateway/actions", """{"proposed_action":"refund_order","parameters":{"order_id":"o_hyg","amount":5,"reason":"TEXT"}}""", "parameters.reason" },
        { "/api/verify", """{"proposed_action":"refund_order","parameters":{"order_id":"o_hyg","amount":5,"reason":"TEXT"}}""", "parameters.reason" },
    };

    private async Task<long> RefundsAsync()
    {
        await using var command = server.Database.DataSource.CreateCommand("SELECT count(*) FROM refunds");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void AssertNamesField(JsonElement problem, string field) =>
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Invalid_UTF8_is_a_400_naming_the_field(string path, string template, string field)
    {
        var parts = template.Split("TEXT");
        var body = Encoding.UTF8.GetBytes(parts[0]).Concat(InvalidUtf8).Concat(Encoding.UTF8.GetBytes(parts[1])).ToArray();
        var refunds = await RefundsAsync();

        var problem = await ProblemAsync(await server.Client.PostAsync(path, Json(body)), HttpStatusCode.BadRequest);

        AssertNamesField(problem, field);
        Assert.Equal(refunds, await RefundsAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Lone_surrogate_escapes_are_a_400_naming_the_field(string path, string template, string field)
    {
        foreach (var lone in new[] { @"a\ud800", @"\udc00b", @"\ud800\u0041" })
        {
            var problem = await ProblemAsync(
                await server.Client.PostAsync(path, Json(Encoding.UTF8.GetBytes(template.Replace("TEXT", lone)))), HttpStatusCode.BadRequest);
            AssertNamesField(problem, field);
        }
    }

    [Fact]
    public async Task A_surrogate_pair_escape_is_valid_text()
    {
        await OrderRows.AddAsync(server.Database, "o_pair", total: 50m);
        var response = await server.Client.PostAsync("/api/verify",
            Json(Encoding.UTF8.GetBytes("""{"proposed_action":"refund_order","parameters":{"order_id":"o_pair","amount":5,"reason":"gift \ud83c\udf81"}}""")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/chat")]
    [InlineData("/api/gateway/actions")]
    [InlineData("/api/verify")]
    public async Task A_30_MB_body_is_413(string path)
    {
        var body = new byte[30 * 1024 * 1024 + 1];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'{';
        body[^1] = (byte)'}';

        // As curl and browsers do for large uploads: the server answers before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.ExpectContinue = true;

        await ProblemAsync(await server.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/api/verify", 300 * 1024)]
    [InlineData("/api/gateway/actions", 300 * 1024)]
    [InlineData("/api/chat", 2 * 1024 * 1024)]
    public async Task An_oversize_chunked_body_is_413_too(string path, int size)
    {
        var padding = new string(' ', size);
        var body = Encoding.UTF8.GetBytes($$"""{"proposed_action":"draft_copy","parameters":{},"message":"hi","user":"founder@liveshop.local"{{padding}}}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new MemoryStream(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        await ProblemAsync(await server.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/api/verify", "refund_order", """{"order_id":"o_cents","amount":10.005,"reason":"late"}""", "parameters.amount")]
    [InlineData("/api/verify", "refund_order", """{"order_id":"o_cents","amount":"10.005","reason":"late"}""", "parameters.amount")]
    [InlineData("/api/gateway/actions", "refund_order", """{"order_id":"o_cents","amount":10.005,"reason":"late"}""", "parameters.amount")]
    [InlineData("/api/gateway/actions", "pay_supplier", """{"supplier_id":"sup_1","amount":0.001}""", "parameters.amount")]
    [InlineData("/api/gateway/actions", "change_price", """{"product_id":"p_1","new_price":21.999}""", "parameters.new_price")]
    public async Task Money_with_more_decimals_than_the_currency_is_a_400_naming_the_parameter(string path, string action, string parameters, string field)
    {
        var refunds = await RefundsAsync();
        var response = await server.Client.PostAsync(path,
            new StringContent($$"""{"proposed_action":"{{action}}","parameters":{{parameters}}}""", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        AssertNamesField(problem, field);
        Assert.Contains("2 decimals", problem.GetProperty("detail").GetString());
        Assert.Equal(refunds, await RefundsAsync());
    }

    [Fact]
    public async Task Money_with_trailing_zeros_is_still_money()
    {
        await OrderRows.AddAsync(server.Database, "o_zeros", total: 50m);
        var response = await server.Client.PostAsync("/api/verify",
            new StringContent("""{"proposed_action":"refund_order","parameters":{"order_id":"o_zeros","amount":10.500,"reason":"late"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
