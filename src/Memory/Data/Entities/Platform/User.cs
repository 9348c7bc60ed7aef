namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>
/// A person who can sign in to the product, with the role that decides what they may approve; or a machine
/// (role <c>integration</c>) whose API keys feed business events in.
/// </summary>
public sealed class User
{
    /// <summary>Values <see cref="Role"/> may take.</summary>
    public static readonly IReadOnlyList<string> Roles = ["founder", "approver", "support", "developer", "integration"];

    public Guid Id { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    /// <summary><c>founder</c>, <c>approver</c>, <c>support</c>, <c>developer</c> or <c>integration</c> (a machine that ingests business events).</summary>
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Disabled { get; set; }
    /// <summary>The sign-in password's hash (ASP.NET Core Identity format); null until a password is set.</summary>
    public string? PasswordHash { get; set; }
    /// <summary>Changes whenever the credentials change, so older sign-ins can be told apart.</summary>
    public string? SecurityStamp { get; set; }
}
