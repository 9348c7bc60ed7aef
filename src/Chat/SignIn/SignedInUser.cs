using System.Security.Claims;
using LiveShop.Memory.Data.Entities.Platform;

namespace LiveShop.Chat.SignIn;

/// <summary>The claims a signed-in user carries, whichever way they signed in.</summary>
public static class SignedInUser
{
    /// <summary>Claim type holding the user's display name.</summary>
    public const string DisplayNameClaim = "liveshop:display_name";

    /// <summary>Claim type holding the security stamp at sign-in; a later password change invalidates the sign-in.</summary>
    public const string SecurityStampClaim = "liveshop:security_stamp";

    /// <summary>A principal for the user: email as name, role as role claim.</summary>
    public static ClaimsPrincipal PrincipalFor(User user, string authenticationType) => new(new ClaimsIdentity(
    [
        new Claim(SecurityStampClaim, user.SecurityStamp ?? ""),
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
        new Claim(ClaimTypes.Name, user.Email),
        new Claim(ClaimTypes.Email, user.Email),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(DisplayNameClaim, user.DisplayName),
    ], authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The signed-in user's email, or null for an anonymous principal.</summary>
    public static string? EmailOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.Email) : null;

    /// <summary>The signed-in user's role, or null.</summary>
    public static string? RoleOf(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role);
}
