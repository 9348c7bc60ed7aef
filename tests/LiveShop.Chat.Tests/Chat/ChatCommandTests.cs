using System.Text.Json;
using LiveShop.Bench.Verbs.Models;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Tests.Chat;

/// <summary><c>./liveshop chat</c> as a child process, its model the scripted server through the real SK connector.</summary>
public sealed class ChatCommandTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private ScriptedModelServer _model = null!;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("liveshop-chat-cli-").FullName;

    public async Task InitializeAsync()
    {
        _model = await ScriptedModelServer.StartAsync();
        var seeder = StartupSeeding.CreateSeeder(database.DataSource);
        if (await seeder.IsEmptyAsync(CancellationToken.None))
            await seeder.SeedAsync(StartupSeeding.SeedOptionsFor(42, 1), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["Llm__Provider"] = "OpenAICompatible",
        ["Llm__Endpoint"] = _model.BaseAddress.ToString(),
        ["Llm__Model"] = "scripted",
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = _dataDirectory,
    };

    [Fact]
    public async Task Chat_prints_the_contract_json_and_continues_a_conversation()
    {
        _model.Enqueue(ScriptedReply.Say("Runway is 40 days."), ScriptedReply.Say("Still 40 days."));

        var first = await CliProcess.RunAsync(["chat", "--user", "founder", "--persona", "cfo", "What is our runway?"], Environment());
        Assert.True(first.ExitCode == 0, first.StandardError);
        var body = JsonDocument.Parse(first.StandardOutput).RootElement;
        Assert.Equal("cfo", body.GetProperty("persona").GetString());
        Assert.Equal("Runway is 40 days.", body.GetProperty("reply").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("actions").ValueKind);
        var conversation = body.GetProperty("conversation_id").GetString()!;

        var second = await CliProcess.RunAsync(["chat", "--user", "founder@liveshop.local", "--conversation", conversation, "@cfo and now?"], Environment());
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Equal(conversation, JsonDocument.Parse(second.StandardOutput).RootElement.GetProperty("conversation_id").GetString());

        await using var db = database.CreateContext();
        Assert.Equal(4, await db.ConversationMessages.CountAsync(m => m.ConversationId == Guid.Parse(conversation)));
    }

    [Fact]
    public async Task Chat_refuses_an_unknown_user_with_exit_code_2()
    {
        var result = await CliProcess.RunAsync(["chat", "--user", "eve@example.com", "hello"], Environment());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"error\"", result.StandardError);
        Assert.Equal("", result.StandardOutput.Trim());
    }
}
