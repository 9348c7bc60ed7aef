using System.Net;
using System.Text;
using System.Text.Json;
using LiveShop.Bench.Verbs.Models;
using LiveShop.Chat.Tests.Chat;
using LiveShop.Chat.Tests.Support;
using LiveShop.Memory.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LiveShop.Chat.Tests.Hosting;

/// <summary>
/// The running host connects as the application role: its own connections cannot switch off the event store's triggers,
/// and a chat turn and a gateway action still execute end to end over real HTTP.
/// </summary>
public sealed class LeastPrivilegeHostTests(ChatServer server) : IClassFixture<ChatServer>
{
    private NpgsqlDataSource HostDataSource => server.Services.GetRequiredService<NpgsqlDataSource>();

    [Fact]
    public async Task The_hosts_connection_cannot_switch_off_triggers_or_delete_events()
    {
        await using var connection = await HostDataSource.OpenConnectionAsync();
        foreach (var sql in new[]
                 {
                     "SET session_replication_role = replica",
                     "ALTER TABLE business_events DISABLE TRIGGER ALL",
                     "DELETE FROM business_events WHERE sequence > 0",
                     "TRUNCATE business_events",
                 })
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
        }
    }

    [Fact]
    public async Task A_chat_turn_executes_a_refund_and_records_its_events_under_the_application_role()
    {
        server.Model.Reset();
        await ChatTestData.AddHostileTicketAsync(server, "o_least_privilege", "t_least_privilege");
        var events = new EventStore(HostDataSource, TimeProvider.System);
        var before = await events.CountAsync();
        server.Model.Enqueue(
            ScriptedReply.Call(new ScriptedToolCall("Commerce-refund_order", """{"order_id":"o_least_privilege","amount":20,"reason":"damaged"}""", "call_refund")),
            ScriptedReply.Say("Refunded 20."));

        var body = await (await server.PostChatAsync("Refund 20 on order o_least_privilege, it arrived damaged", persona: "returns_refunds")).JsonAsync();

        var action = Assert.Single(body.GetProperty("actions").EnumerateArray());
        Assert.Equal("executed", action.GetProperty("status").GetString());
        await using var refunds = HostDataSource.CreateCommand("SELECT count(*) FROM refunds WHERE order_id = 'o_least_privilege'");
        Assert.Equal(1L, await refunds.ExecuteScalarAsync());
        Assert.True(await events.CountAsync() > before);
        Assert.True((await events.VerifyChainAsync()).Intact);
    }

    [Fact]
    public async Task A_gateway_action_executes_under_the_application_role()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/gateway/actions")
        {
            Content = new StringContent("""{"proposed_action":"draft_copy","parameters":{},"agent":"copywriter"}""", Encoding.UTF8, "application/json"),
        };

        var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("executed", body.GetProperty("status").GetString());
    }
}
