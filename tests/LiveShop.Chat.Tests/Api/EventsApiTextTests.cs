using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;

namespace LiveShop.Chat.Tests.Api;

/// <summary>Only valid Unicode text enters the hash chain: invalid UTF-8 and lone surrogates are refused whole, with nothing stored.</summary>
public sealed class EventsApiTextTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    private async Task<long> CountAsync() => await new EventStore(server.Database.DataSource, TimeProvider.System).CountAsync();

    private static byte[] Order(string source, string reasonJson, string extraName = "note") => Encoding.UTF8.GetBytes($$$"""
        {"event_id":"{{{Guid.NewGuid()}}}","type":"OrderPlaced","occurred_at":"2026-11-25T10:00:00Z","source":{{{source}}},
         "data":{"order_id":"o_text","customer_id":"c_1","channel":"shopify","total":10,"currency":"AUD","{{{extraName}}}":{{{reasonJson}}}}}
        """);

    private async Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await server.Client.PostAsync("/api/events", content);
    }

    private async Task AssertRefusedAsync(byte[] body, string field)
    {
        var before = await CountAsync();
        var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(field, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Invalid_utf8_bytes_in_a_data_string_are_refused_and_nothing_is_stored()
    {
        var body = Order("\"shopify\"", "\"caf\u0001\"");
        var index = Array.IndexOf(body, (byte)0x01);
        body[index] = 0xFF; // a byte that never occurs in UTF-8
        await AssertRefusedAsync(body, "data.note");
    }

    [Fact]
    public async Task Truncated_utf8_sequence_in_the_source_is_refused()
    {
        var body = Order("\"shop\u0001y\"", "\"x\"");
        var index = Array.IndexOf(body, (byte)0x01);
        body[index] = 0xC3; // the first byte of a two-byte sequence, followed by an ASCII letter
        await AssertRefusedAsync(body, "source");
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_a_data_string_is_a_400_not_a_500()
    {
        await AssertRefusedAsync(Order("\"shopify\"", "\"\\ud800\""), "data.note");
    }

    [Fact]
    public async Task A_lone_low_surrogate_in_a_property_name_is_refused()
    {
        await AssertRefusedAsync(Order("\"shopify\"", "\"x\"", extraName: "n\\udc00"), "data");
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_source_is_refused()
    {
        await AssertRefusedAsync(Order("\"shop\\udbff\"", "\"x\""), "source");
    }

    [Fact]
    public async Task A_proper_surrogate_pair_is_valid_text_and_stored()
    {
        var before = await CountAsync();
        var response = await PostAsync(Order("\"shopify\"", "\"gift \\ud83c\\udf81 and \u00e9\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, await CountAsync());
        Assert.True((await new EventStore(server.Database.DataSource, TimeProvider.System).VerifyChainAsync()).Intact);
    }
}
