using System.Security.Claims;
using LiveShop.Chat.SignIn;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Policies;

namespace LiveShop.Chat.Access;

/// <summary>
/// Whether the signed-in user may do a console operation (<see cref="ConsoleOperations"/>), as the policy's
/// <c>roles:</c> section in force says. The role is read from the users table, not the sign-in cookie, so a role change
/// applies at once. Pages use it to hide what a role cannot do and to refuse it again on the server; the HTTP APIs use
/// <see cref="ConsoleOperationEndpoints.RequireConsoleOperation{TBuilder}"/>.
/// </summary>
public sealed class ConsolePermissions(UserDirectory users, PolicyInForce policies)
{
    /// <summary>Null when <paramref name="user"/> may do <paramref name="operation"/>; otherwise why not, naming the role and the operation.</summary>
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, string operation, CancellationToken cancellationToken = default)
    {
        var email = SignedInUser.EmailOf(user);
        var principal = await users.FindAsync(email, cancellationToken);
        if (principal is null || principal.Disabled)
            return $"{email ?? "an anonymous caller"} is not an enabled user and may not do {Describe(operation)}";
        var roles = (await policies.GetAsync(cancellationToken)).Roles;
        return roles.MayDo(principal.Role, operation)
            ? null
            : $"the {principal.Role} role may not do {Describe(operation)} ({operation}); ask someone whose role allows it";
    }

    /// <summary>Whether <paramref name="user"/> may do <paramref name="operation"/>.</summary>
    public async Task<bool> MayAsync(ClaimsPrincipal user, string operation, CancellationToken cancellationToken = default) =>
        await RefusalAsync(user, operation, cancellationToken) is null;

    /// <summary>The operation in words, for messages.</summary>
    public static string Describe(string operation) => operation switch
    {
        ConsoleOperations.KnowledgeAdd => "adding knowledge documents",
        ConsoleOperations.KnowledgeDelete => "deleting knowledge documents",
        ConsoleOperations.MemoryEdit => "editing memories",
        ConsoleOperations.MemoryDelete => "deleting memories",
        ConsoleOperations.SandboxControl => "pausing or resuming the sandbox",
        ConsoleOperations.GoalRequeue => "re-queueing goal tasks",
        ConsoleOperations.Integrations => "viewing integrations",
        ConsoleOperations.IngestEvents => "writing business events",
        _ => operation,
    };
}
