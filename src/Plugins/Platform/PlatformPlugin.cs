using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Plugins.Functions;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Platform;

/// <summary>Changes to how the product itself is governed: the business policy and who may do what (L3, the founder approves).</summary>
[Description("Changes to the business policy and to people's access; the founder approves every one.")]
public sealed class PlatformPlugin
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Platform";

    /// <summary>Proposes a policy change; only the tool gateway adopts it, after the founder's approval.</summary>
    [KernelFunction("change_policy"), WorldAction("change_policy")]
    [Description("Changes settings of the business policy (limits, thresholds, banned claims, risk classes). Always waits for the founder's approval.")]
    public string ChangePolicy(
        [Description("The settings to change as a JSON object of dotted paths and new values, e.g. {\"refunds.auto_refund_max\": 150}. " +
            "Sections: refunds, ads, pricing, inventory, fraud, listings, risk, proofs.")] string changes,
        [Description("Why the policy should change, in one sentence.")] string? reason = null,
        [Description(ModelText.JustificationDescription)] string? justification = null) => ModelText.GatewayOnly;

    /// <summary>Proposes an access change; only the tool gateway applies it, after the founder's approval.</summary>
    [KernelFunction("modify_account_access"), WorldAction("modify_account_access")]
    [Description("Changes a person's access: gives them another role (founder, approver, support, developer), or disables / re-enables them. Always waits for the founder's approval.")]
    public string ModifyAccountAccess(
        [Description("The person's email, e.g. sam@shop.example.")] string user,
        [Description("The new role: founder, approver, support or developer. Leave empty when disabling or re-enabling.")] string? role = null,
        [Description("true to disable the person's access, false to re-enable it. Leave empty when changing the role.")] bool? disabled = null,
        [Description("Why the access should change, in one sentence.")] string? reason = null) => ModelText.GatewayOnly;
}
