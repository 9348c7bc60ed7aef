using System.Text.Json;
using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Actions.Limits;

/// <summary>
/// The kinds of entity whose running totals an action's limits read, in the order their locks are taken. One total order
/// for every action means two actions that limit several entities (a refund: its order, then its customer) can never
/// each hold what the other waits for.
/// </summary>
public enum LimitScope
{
    /// <summary>An order: what is left to refund on it.</summary>
    Order = 1,

    /// <summary>A customer, reached through the order the action names: refunds in the trailing 24 h.</summary>
    Customer,

    /// <summary>An ad set: its budget step against the current budget and the one in force a week ago.</summary>
    AdSet,

    /// <summary>The business-wide daily budget cap: the sum of every active ad set's budget.</summary>
    DailyBudgetCap,

    /// <summary>A product: its price step.</summary>
    Product,

    /// <summary>The business's cash: the runway left after a reorder or payment.</summary>
    Cash,
}

/// <summary>
/// One entity an action's limits depend on. A <see cref="LimitScope.Customer"/> is named by the order it is reached
/// through (the action names the order; the lock finds the order's customer in the database), the business-wide scopes by
/// <see cref="LimitedEntities.Business"/>.
/// </summary>
public sealed record LimitedEntity(LimitScope Scope, string Id)
{
    /// <summary>How people read it, e.g. <c>order o_1</c>, <c>the customer of order o_1</c>.</summary>
    public override string ToString() => Scope switch
    {
        LimitScope.Customer => $"the customer of order {Id}",
        LimitScope.DailyBudgetCap => "the daily budget cap",
        LimitScope.Cash => "the cash balance",
        LimitScope.AdSet => $"ad set {Id}",
        _ => $"{Scope.ToString().ToLowerInvariant()} {Id}",
    };
}

/// <summary>
/// Which entities an action's limits read (the running totals behind CONTRACTS.md §1's rules, declared by each action's
/// definition), so that actions on the same entity verify and execute one after the other.
/// </summary>
public static class LimitedEntities
{
    /// <summary>The id of the business-wide scopes (the daily budget cap, the cash).</summary>
    public const string Business = "business";

    /// <summary>The business's cash, which reorders' runway checks read and payments spend.</summary>
    public static LimitedEntity Cash { get; } = new(LimitScope.Cash, Business);

    /// <summary>The ad set the parameters name and the daily cap its budget counts against, for actions that change what it spends.</summary>
    public static IReadOnlyList<LimitedEntity> AdSetAndDailyCap(JsonElement parameters) =>
        ActionParameters.TryGetText(parameters, "ad_set_id", out var adSetId)
            ? [new(LimitScope.AdSet, adSetId), new(LimitScope.DailyBudgetCap, Business)]
            : [];

    /// <summary>The entities <paramref name="packet"/>'s limits read, in lock order; empty when they read no running total.</summary>
    public static IReadOnlyList<LimitedEntity> Of(ActionPacket packet) =>
        ActionCatalog.Find(packet.ProposedAction)?.LimitedEntities(packet.Parameters) ?? [];
}
