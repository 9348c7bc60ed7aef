using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Policies;

/// <summary>
/// Who may do what, per role (the policy's <c>roles:</c> section, docs/roles.md): the actions a role may request, the
/// read-only agent functions its chat turns may offer, the risk levels it may approve and the console operations it may
/// do. A role the policy does not name may do nothing (fail closed). Pure: every check is a lookup in the policy.
/// </summary>
public sealed record RolePolicy
{
    /// <summary>The list entry that grants every action, function or operation.</summary>
    public const string Everything = "*";

    /// <summary>The permissions of each named role.</summary>
    public required IReadOnlyDictionary<string, RolePermissions> ByRole { get; init; }

    /// <summary>The permissions of <paramref name="role"/>, or null when the policy does not name it.</summary>
    public RolePermissions? Of(string? role) =>
        role is not null && ByRole.TryGetValue(role.Trim().ToLowerInvariant(), out var permissions) ? permissions : null;

    /// <summary>Whether a person with <paramref name="role"/> may request <paramref name="action"/> (the verifier still decides it).</summary>
    public bool MayRequest(string? role, string action) => Grants(Of(role)?.Request, action);

    /// <summary>Whether chat turns of a person with <paramref name="role"/> may offer the read-only function <paramref name="function"/>.</summary>
    public bool MayRead(string? role, string function) => Grants(Of(role)?.Read, function);

    /// <summary>Whether a person with <paramref name="role"/> may approve an action of risk <paramref name="level"/>.</summary>
    public bool MayApprove(string? role, RiskLevel level) => Grants(Of(role)?.Approve, level.ToString());

    /// <summary>Whether a person with <paramref name="role"/> may do the console operation <paramref name="operation"/> (<see cref="ConsoleOperations"/>).</summary>
    public bool MayDo(string? role, string operation) => Grants(Of(role)?.Console, operation);

    /// <summary>The roles that may approve <paramref name="level"/>, for surfaces that say who can decide.</summary>
    public IReadOnlyList<string> ApproversOf(RiskLevel level) => [.. ByRole.Keys.Where(role => MayApprove(role, level)).Order(StringComparer.Ordinal)];

    private static bool Grants(IReadOnlyList<string>? entries, string name) =>
        entries is not null && (entries.Contains(Everything, StringComparer.Ordinal) || entries.Contains(name, StringComparer.Ordinal));
}

/// <summary>What one role may do.</summary>
public sealed record RolePermissions
{
    /// <summary>Action names (CONTRACTS.md §1) the role may request, directly or through an agent acting for it; <c>*</c> for all.</summary>
    public required IReadOnlyList<string> Request { get; init; }

    /// <summary>Read-only agent functions (e.g. <c>get_order</c>) the role's chat turns may offer; <c>*</c> for all.</summary>
    public required IReadOnlyList<string> Read { get; init; }

    /// <summary>Risk levels (<c>L2</c>, <c>L3</c>) the role may approve; the verdict says which level an action needs.</summary>
    public required IReadOnlyList<string> Approve { get; init; }

    /// <summary>Console operations (<see cref="ConsoleOperations"/>) the role may do; <c>*</c> for all.</summary>
    public required IReadOnlyList<string> Console { get; init; }
}

/// <summary>The console operations a role can be granted in <c>roles.ROLE.console</c>.</summary>
public static class ConsoleOperations
{
    /// <summary>Add (or replace) a knowledge document.</summary>
    public const string KnowledgeAdd = "knowledge_add";

    /// <summary>Delete a knowledge document.</summary>
    public const string KnowledgeDelete = "knowledge_delete";

    /// <summary>Correct a long-term memory's text.</summary>
    public const string MemoryEdit = "memory_edit";

    /// <summary>Delete a long-term memory.</summary>
    public const string MemoryDelete = "memory_delete";

    /// <summary>Pause and resume the sandbox simulation.</summary>
    public const string SandboxControl = "sandbox_control";

    /// <summary>Re-queue a failed goal task (still only the goal's creator or the founder).</summary>
    public const string GoalRequeue = "goal_requeue";

    /// <summary>See the integrations, their states and setting names (page, API, CLI over HTTP).</summary>
    public const string Integrations = "integrations";

    /// <summary>Write business events through <c>POST /api/events</c>.</summary>
    public const string IngestEvents = "ingest_events";

    /// <summary>Every operation, for validating a policy.</summary>
    public static readonly IReadOnlyList<string> All =
        [KnowledgeAdd, KnowledgeDelete, MemoryEdit, MemoryDelete, SandboxControl, GoalRequeue, Integrations, IngestEvents];
}
