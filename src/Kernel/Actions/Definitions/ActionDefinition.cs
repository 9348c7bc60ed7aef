using System.Text.Json;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Rules;

namespace LiveShop.Kernel.Actions.Definitions;

/// <summary>
/// Everything the product knows about one action, in one place: what the model is told, the parameters the contract
/// checks, the facts the verifier reads, the rules it applies, how risky it can get, the events and the undo its
/// execution produces and which live connectors may claim it. The verifier, the model-facing functions, the planner,
/// persona and role validation and the documentation tables are derived from the definitions in <see cref="ActionCatalog"/>;
/// the numbers the rules compare against stay in the policy YAML.
/// </summary>
public abstract class ActionDefinition(string name, string plugin, string description)
{
    /// <summary>The contract name (CONTRACTS.md §1), also the model-facing function name.</summary>
    public string Name { get; } = name;

    /// <summary>The plugin the model finds the function in (the <c>Plugin</c> of <c>Plugin-function</c>).</summary>
    public string Plugin { get; } = plugin;

    /// <summary>What the function does, for the model: one or two sentences, including when a human must approve.</summary>
    public string Description { get; } = description;

    /// <summary>The parameters the action packet carries, checked by the verifier before any rule runs.</summary>
    public virtual IReadOnlyList<ParameterSpec> Parameters => [];

    /// <summary>
    /// The arguments the model-facing function takes. By default one per parameter plus an optional justification;
    /// an argument that is not a parameter is recorded as evidence for the approver and never read by the verifier.
    /// </summary>
    public virtual IReadOnlyList<FunctionArgument> Arguments =>
        [.. Parameters.Select(FunctionArgument.For), FunctionArgument.Justification];

    /// <summary>The lowest risk level any verdict on it has (before its rules or the policy's fixed classes raise it).</summary>
    public virtual RiskLevel RiskFloor => RiskLevel.L0;

    /// <summary>The highest risk level a verdict can reach under the policy's rule shapes; tasks are planned at it.</summary>
    public virtual RiskLevel RiskCeiling => RiskFloor;

    /// <summary>Whether it commits money, so a goal's task using it gets a share of the goal's budget.</summary>
    public virtual bool Spends => false;

    /// <summary>The business event types its execution records (each in the event catalogue).</summary>
    public virtual IReadOnlyList<string> Writes => [];

    /// <summary>The action that undoes an execution (with the previous values), or null when it cannot be undone.</summary>
    public virtual string? UndoneBy => null;

    /// <summary>Why an execution cannot be undone, when <see cref="UndoneBy"/> is null.</summary>
    public virtual string IrreversibleBecause => "it cannot be recalled once done";

    /// <summary>
    /// The integration families whose connectors take part: a live connector of the family may carry it out instead of
    /// the sandbox (for <see cref="IntegrationFamily.Accounting"/>: the ledger records what it costs).
    /// </summary>
    public virtual IReadOnlyList<IntegrationFamily> ClaimableBy => [];

    /// <summary>How people ask for it: example requests and cue words for the offline planner.</summary>
    public virtual PlannerHints? Hints => null;

    /// <summary>
    /// The entities whose running totals its rules read, in lock order, so actions on the same entity verify and execute
    /// one after another (see <see cref="LimitScope"/>); empty when its rules read no running total.
    /// </summary>
    public virtual IReadOnlyList<LimitedEntity> LimitedEntities(JsonElement parameters) => [];

    /// <summary>Asks for the facts its rules read; the live provider sends them as one batched round trip.</summary>
    public virtual void RequestFacts(JsonElement parameters, IFactRequests facts) { }

    /// <summary>Whether it has rules of its own beyond the parameter check and the policy's fixed risk class.</summary>
    internal virtual bool HasRules => false;

    /// <summary>Its rules: every check it makes is recorded in the verdict, passed ones included.</summary>
    internal virtual void Evaluate(in RuleContext context, VerdictBuilder verdict) { }

    /// <summary>The name, so a definition reads as its action in messages.</summary>
    public override string ToString() => Name;
}
