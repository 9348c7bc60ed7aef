namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>What a task starts from: links, files and business records (e.g. <c>order:o_1042</c>).</summary>
public sealed record TaskInputs
{
    public List<string> Links { get; set; } = [];
    public List<string> Files { get; set; } = [];
    public List<string> Records { get; set; } = [];
}
