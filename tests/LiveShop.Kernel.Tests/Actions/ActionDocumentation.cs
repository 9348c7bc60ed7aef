using System.Text;
using LiveShop.Kernel.Actions.Definitions;

namespace LiveShop.Kernel.Tests.Actions;

/// <summary>The documentation tables that are generated from the action definitions (the docs tests compare them).</summary>
internal static class ActionDocumentation
{
    /// <summary>One row per action: where the model finds it, what it takes, how risky it gets, what it writes, how it is undone.</summary>
    public static string ActionsTable()
    {
        var table = new StringBuilder()
            .Append("| action | plugin | parameters | highest risk | writes | undo | connector families |\n")
            .Append("|---|---|---|---|---|---|---|\n");
        foreach (var d in ActionCatalog.All)
        {
            var parameters = d.Parameters.Count == 0 ? "—" : string.Join(", ", d.Parameters.Select(p => $"`{p.Name}`{(p.Required ? "" : "?")}"));
            var writes = d.Writes.Count == 0 ? "—" : string.Join(", ", d.Writes.Select(w => $"`{w}`"));
            var undo = d.UndoneBy is { } by ? $"`{by}`" : "irreversible";
            var families = d.ClaimableBy.Count == 0 ? "—" : string.Join(", ", d.ClaimableBy);
            table.Append($"| `{d.Name}` | {d.Plugin} | {parameters} | {d.RiskCeiling} | {writes} | {undo} | {families} |\n");
        }
        return table.ToString();
    }

    /// <summary>One row per action that writes business events.</summary>
    public static string EventsTable()
    {
        var table = new StringBuilder().Append("| action | events it writes |\n").Append("|---|---|\n");
        foreach (var d in ActionCatalog.All.Where(d => d.Writes.Count > 0))
            table.Append($"| `{d.Name}` | {string.Join(", ", d.Writes.Select(w => $"`{w}`"))} |\n");
        return table.ToString();
    }
}
