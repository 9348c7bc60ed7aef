namespace LiveShop.Kernel.Actions.Definitions.WorkProducts;

/// <summary>
/// A persona's work product (a report, an analysis, a draft, a recommendation): recorded through the pipeline like any
/// action so it is audited, but it changes nothing in the business, so it takes no parameters and is L0 in the policy.
/// </summary>
public abstract class WorkProductAction(string name, string description) : ActionDefinition(name, "Internal", description)
{
    /// <inheritdoc />
    public override string IrreversibleBecause => "nothing changed, so there is nothing to undo";
}
