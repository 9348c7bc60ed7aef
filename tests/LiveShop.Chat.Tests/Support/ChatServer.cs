using LiveShop.Bench.Verbs.Models;

namespace LiveShop.Chat.Tests.Support;

/// <summary>
/// The real host (one seeded sandbox day: users, products, orders) whose model is the real Semantic Kernel OpenAI
/// connector talking to a scripted OpenAI-compatible server on 127.0.0.1.
/// </summary>
public sealed class ChatServer : LiveShopServer
{
    /// <summary>The scripted model the host talks to.</summary>
    public ScriptedModelServer Model { get; private set; } = null!;

    protected override int SeedDays => 1;

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--Llm:Provider=OpenAICompatible",
        $"--Llm:Endpoint={Model.BaseAddress}",
        "--Llm:Model=scripted",
    ];

    public override async Task InitializeAsync()
    {
        Model = await ScriptedModelServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
    }
}
