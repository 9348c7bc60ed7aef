using LiveShop.Kernel.Actions.Definitions;
using System.Text.RegularExpressions;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Actions.Definitions.Platform;

namespace LiveShop.Kernel.Policies;

/// <summary>
/// Reads the policy's <c>roles:</c> section strictly: role names are lowercase words, each role lists
/// <c>request</c>, <c>read</c>, <c>approve</c> and <c>console</c>, and every entry is a known action, approval level or
/// console operation. The founder must keep the power to change the policy and approve L3, so no policy change can lock
/// everyone out of changing it back.
/// </summary>
internal static partial class RolePolicyReader
{
    private static readonly string[] ApprovalLevels = [nameof(RiskLevel.L2), nameof(RiskLevel.L3)];

    public static RolePolicy Read(PolicyYamlReader roles)
    {
        var byRole = new Dictionary<string, RolePermissions>(StringComparer.Ordinal);
        foreach (var (name, start) in roles.Keys())
        {
            if (!RoleName().IsMatch(name))
                throw roles.Error(start, $"'{roles.PathOf(name)}': a role name is a lowercase word (letters, digits, _)");
            var section = roles.Section(name);
            var permissions = new RolePermissions
            {
                Request = Entries(section, "request", start, e => e == RolePolicy.Everything || ActionCatalog.ParametersOf(e) is not null, "a known action name or \"*\""),
                Read = Entries(section, "read", start, e => e == RolePolicy.Everything || FunctionName().IsMatch(e), "a function name or \"*\""),
                Approve = Entries(section, "approve", start, e => ApprovalLevels.Contains(e, StringComparer.Ordinal), "L2 or L3"),
                Console = Entries(section, "console", start, e => e == RolePolicy.Everything || ConsoleOperations.All.Contains(e, StringComparer.Ordinal),
                    $"\"*\" or one of {string.Join(", ", ConsoleOperations.All)}"),
            };
            section.RejectUnknownKeys();
            byRole[name] = permissions;
        }

        var policy = new RolePolicy { ByRole = byRole };
        if (!policy.MayRequest("founder", ChangePolicyAction.ActionName) || !policy.MayApprove("founder", RiskLevel.L3))
            throw roles.Error(roles.Start, $"'{roles.PathOf("founder")}' must be able to request {ChangePolicyAction.ActionName} and approve L3, or nobody could change the policy back");
        return policy;
    }

    private static IReadOnlyList<string> Entries(PolicyYamlReader section, string key, YamlDotNet.Core.Mark start, Func<string, bool> valid, string expected)
    {
        var entries = section.StringList(key);
        foreach (var entry in entries)
            if (!valid(entry))
                throw section.Error(start, $"'{section.PathOf(key)}' has '{entry}', which is not {expected}");
        return entries;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex RoleName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex FunctionName();
}
