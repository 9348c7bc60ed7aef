namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>What a task produced: records it created or updated, files and messages.</summary>
public sealed record TaskOutputs
{
    public List<string> RecordsCreated { get; set; } = [];
    public List<string> RecordsUpdated { get; set; } = [];
    public List<string> Files { get; set; } = [];
    public List<string> Messages { get; set; } = [];
}
