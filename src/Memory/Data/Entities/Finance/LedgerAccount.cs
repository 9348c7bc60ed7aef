namespace LiveShop.Memory.Data.Entities.Finance;

/// <summary>An account of the chart of accounts of the double-entry ledger.</summary>
public sealed class LedgerAccount
{
    /// <summary>Values <see cref="Type"/> may take.</summary>
    public static readonly IReadOnlyList<string> Types = ["asset", "liability", "equity", "revenue", "expense"];

    /// <summary>Account code, e.g. <c>1000</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary><c>asset</c>, <c>liability</c>, <c>equity</c>, <c>revenue</c> or <c>expense</c>.</summary>
    public required string Type { get; set; }
}
