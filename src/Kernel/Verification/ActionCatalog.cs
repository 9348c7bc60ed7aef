namespace LiveShop.Kernel.Verification;

/// <summary>How a parameter's value must be typed.</summary>
public enum ParameterKind
{
    /// <summary>An identifier: text, or a number taken as its text.</summary>
    Id,
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A decimal number, or text holding one (tool-call arguments arrive as text).</summary>
    Number,
    /// <summary>An amount of money: a number with at most <see cref="StoreCurrency.Decimals"/> decimals.</summary>
    Money,
    /// <summary>A whole number, or text holding one.</summary>
    WholeNumber,
    /// <summary>true or false, or text holding one of them.</summary>
    Flag,
    /// <summary>A JSON object, or text holding one (tool-call arguments arrive as text).</summary>
    Object,
}

/// <summary>One declared parameter of an action.</summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, bool Required = true);

/// <summary>The one place where each known action's name and parameters are declared (risk classes live in the policy).</summary>
public static class ActionCatalog
{
    private static readonly ParameterSpec[] None = [];

    /// <summary>Known actions and their parameters.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ParameterSpec>> Actions { get; } =
        new Dictionary<string, IReadOnlyList<ParameterSpec>>(StringComparer.Ordinal)
        {
            ["draft_copy"] = None,
            ["generate_report"] = None,
            ["analyze_data"] = None,
            ["create_recommendation"] = None,
            // A persona's conclusion written to long-term memory (L0): the memory store validates scope and key itself.
            ["remember"] =
            [
                new("content", ParameterKind.Text), new("scope", ParameterKind.Text),
                new("scope_key", ParameterKind.Id, Required: false), new("evidence", ParameterKind.Text, Required: false),
            ],
            ["publish_listing"] =
            [
                new("product_id", ParameterKind.Id), new("channel", ParameterKind.Text),
                new("title", ParameterKind.Text), new("description", ParameterKind.Text),
            ],
            ["respond_ticket"] = [new("ticket_id", ParameterKind.Id), new("message", ParameterKind.Text)],
            ["refund_order"] = [new("order_id", ParameterKind.Id), new("amount", ParameterKind.Money), new("reason", ParameterKind.Text)],
            ["scale_ad_set"] = [new("ad_set_id", ParameterKind.Id), new("new_daily_budget", ParameterKind.Money)],
            ["pause_ad_set"] = [new("ad_set_id", ParameterKind.Id)],
            ["change_price"] = [new("product_id", ParameterKind.Id), new("new_price", ParameterKind.Money)],
            ["reorder_stock"] =
            [
                new("product_id", ParameterKind.Id), new("quantity", ParameterKind.WholeNumber),
                new("unit_cost", ParameterKind.Money, Required: false),
            ],
            ["fulfill_order"] = [new("order_id", ParameterKind.Id)],
            ["pay_supplier"] = [new("supplier_id", ParameterKind.Id), new("amount", ParameterKind.Money)],
            ["pay_creator"] = [new("creator_id", ParameterKind.Id), new("amount", ParameterKind.Money)],
            // Either dotted-path changes applied to the policy in force, or a whole policy document (docs/policy-changes.md).
            ["change_policy"] =
            [
                new("changes", ParameterKind.Object, Required: false), new("policy_yaml", ParameterKind.Text, Required: false),
                new("reason", ParameterKind.Text, Required: false),
            ],
            // A new role, or disabled true/false, for one user (docs/policy-changes.md).
            ["modify_account_access"] =
            [
                new("user", ParameterKind.Id), new("role", ParameterKind.Text, Required: false),
                new("disabled", ParameterKind.Flag, Required: false), new("reason", ParameterKind.Text, Required: false),
            ],
            // The founder connecting (or, with disconnect, disconnecting) a configured integration; the executor checks the id.
            ["connect_integration"] = [new("integration_id", ParameterKind.Id), new("disconnect", ParameterKind.Flag, Required: false)],
        };

    /// <summary>The declared parameters of an action, or null for an action nobody declared.</summary>
    public static IReadOnlyList<ParameterSpec>? ParametersOf(string action) =>
        Actions.TryGetValue(action, out var specs) ? specs : null;
}
