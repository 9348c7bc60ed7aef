namespace LiveShop.Chat.Tests.Support;

/// <summary>The real host with the offline planner over one seeded day and its goal task worker running, polling every 200 ms.</summary>
public sealed class GoalWorkerServer : LiveShopServer
{
    protected override int SeedDays => 1;

    protected override bool GoalWorkerEnabled => true;

    protected override IEnumerable<string> ExtraArguments => ["--Agents:GoalWorker:PollInterval=00:00:00.200"];
}
