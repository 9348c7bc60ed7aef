using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
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
        HttpContext http, UserManager<User> users, SignInThrottle throttle, ILoggerFactory loggers,
        [FromForm(Name = "email")] string? email, [FromForm(Name = "password")] string? password, [FromForm(Name = "return_url")] string? returnUrl)
    {
        var target = ReturnUrls.IsLocalPath(returnUrl) ? returnUrl! : "/";
        var name = email?.Trim() ?? "";
        var client = http.Connection.RemoteIpAddress;
        var log = loggers.CreateLogger(typeof(SignInEndpoints));
        // While locked, the password is not even looked at: guessing on teaches nothing.
        if (await throttle.LockedForAsync(name, client, http.RequestAborted) is { } locked)
        {
            log.LogWarning("Refused sign-in for {Email} from {Client}: too many failed attempts", name, client);
            return Refused(name, target, locked);
        }
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is null || user.Disabled || string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            log.LogWarning("Refused sign-in for {Email} from {Client}", name, client);
            return Refused(name, target, await throttle.FailedAsync(name, client, http.RequestAborted));
        }
        await throttle.SucceededAsync(name, http.RequestAborted);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            SignedInUser.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.LocalRedirect(target);
    }

    // Back to the form with the reason: a wrong email or password, or too many attempts (and for how long still).
    private static RedirectHttpResult Refused(string email, string target, TimeSpan? lockedFor)
    {
        var reason = lockedFor is { } wait ? $"error=locked&retry_minutes={(int)Math.Ceiling(wait.TotalMinutes)}" : "error=1";
        return TypedResults.Redirect($"/signin?{reason}&email={Uri.EscapeDataString(email)}&ReturnUrl={Uri.EscapeDataString(target)}");
    }

    // Ends this sign-in and every other one of the user (a saved copy of the cookie included) by rotating the security
    // stamp the cookies carry. The form's antiforgery token is required: a page elsewhere must not sign the user out.
    private static async Task<IResult> SignOutAsync(HttpContext http, UserPasswords passwords)
    {
        // The antiforgery middleware checked the token (the endpoint requires it) and left its verdict here.
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            return TypedResults.Problem(title: "Sign-out refused; you are still signed in.",
                detail: "the sign-out form's antiforgery token is missing or invalid; sign out with the console's Sign out button",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { field = "__RequestVerificationToken", message = "missing or invalid" } } });
        if (SignedInUser.EmailOf(http.User) is { } email)
            await passwords.EndSignInsAsync(email, http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/signin");
    }
}
