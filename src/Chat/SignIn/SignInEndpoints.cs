using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Chat.SignIn;

/// <summary><c>POST /auth/signin</c> and <c>POST /auth/signout</c>: the browser form posts that set and clear the sign-in cookie.</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/auth/signin", SignInAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost("/auth/signout", (Delegate)SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, UserManager<User> users, ILoggerFactory loggers,
        [FromForm(Name = "email")] string? email, [FromForm(Name = "password")] string? password, [FromForm(Name = "return_url")] string? returnUrl)
    {
        var target = IsLocal(returnUrl) ? returnUrl! : "/";
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByNameAsync(email.Trim());
        if (user is null || user.Disabled || string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            loggers.CreateLogger(typeof(SignInEndpoints)).LogWarning("Refused sign-in for {Email}", email);
            return TypedResults.Redirect($"/signin?error=1&email={Uri.EscapeDataString(email ?? "")}&ReturnUrl={Uri.EscapeDataString(target)}");
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            SignedInUser.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.LocalRedirect(target);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/signin");
    }

    // Only paths on this host: an open redirect would let a phishing link borrow the sign-in page.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
