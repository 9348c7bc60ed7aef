using System.Text.Json;

namespace LiveShop.Chat.Hosting.Simulation;

/// <summary>An alert a simulated run raised, as the contract reports it (day 1 = the first simulated day).</summary>
public sealed record SimulatedAlert(string Kind, string Metric, string EntityId, int Day, decimal? Observed, decimal? ExpectedLow, decimal? ExpectedHigh);

/// <summary>An action automation asked for during the run, and the verifier's decision on it.</summary>
public sealed record SimulatedAction(string Action, JsonElement Arguments, string RequestedBy, string Decision, int Day, string Result);

/// <summary>What a <c>simulate</c> run did (CONTRACTS.md §6); the same seed and shocks give the same report apart from <see cref="Seconds"/>.</summary>
public sealed record SimulationReport
{
    public required int Days { get; init; }
    public required string SimulatedFrom { get; init; }
    public required string SimulatedTo { get; init; }
    public required long Events { get; init; }
    public required int Orders { get; init; }
    public required decimal Revenue { get; init; }
    public required decimal AdSpend { get; init; }
    public required decimal NetProfit { get; init; }
    public required int Refunds { get; init; }
    public required decimal RefundAmount { get; init; }
    public required int Chargebacks { get; init; }
    public required IReadOnlyList<JsonElement> Shocks { get; init; }
    public required IReadOnlyList<SimulatedAlert> Alerts { get; init; }
    public required IReadOnlyList<SimulatedAction> AutomatedActions { get; init; }
    public required int InvariantViolations { get; init; }
    public required double Seconds { get; init; }
}
