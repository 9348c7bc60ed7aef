namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>The limits a task runs under: money it may spend, time it may take, policy it is held to.</summary>
public sealed record TaskConstraints
{
    /// <summary>Most money the task may commit, in the store currency; null when it spends nothing.</summary>
    public decimal? Budget { get; set; }
    /// <summary>Longest the task may run; null for no limit.</summary>
    public TimeSpan? TimeLimit { get; set; }
    /// <summary>Policy version (sha256 of the policy file) the task is held to.</summary>
    public string? Policy { get; set; }
}
