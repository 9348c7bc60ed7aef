using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.SignIn;

/// <summary>Registers sign-in: Identity over the users table, the browser cookie, API keys, and the sign-in-by-default policy.</summary>
public static class SignInServices
{
    private const string CookieOrApiKey = "LiveShop";

    public static IServiceCollection AddLiveShopSignIn(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddIdentityCore<User>(identity =>
        {
            identity.Password.RequiredLength = UserPasswords.MinimumLength;
            identity.User.RequireUniqueEmail = false;
        }).AddUserStore<LiveShopUserStore>();
        services.AddSingleton(sp => new ApiKeyRegistry(sp.GetRequiredService<IDbContextFactory<LiveShopDbContext>>().CreateDbContext, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.ApiKeyCacheLifetime));
        services.AddSingleton(sp => new UserPasswords(sp.GetRequiredService<IDbContextFactory<LiveShopDbContext>>().CreateDbContext));
        services.AddSingleton(sp => new SignInThrottle(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>().Value.SignInThrottle));
        // An access change approved in this host drops the user's validated keys at once.
        services.AddSingleton<LiveShop.Kernel.Accounts.IAccessChangeListener>(sp => sp.GetRequiredService<ApiKeyRegistry>());

        services.AddAuthentication(CookieOrApiKey)
            .AddPolicyScheme(CookieOrApiKey, "Browser cookie or API key", scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/signin";
                cookie.Cookie.Name = "liveshop.signin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.SlidingExpiration = true;
                // APIs answer 401/403 problem+json (written by the status code pages); pages redirect to the sign-in page.
                cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = EndStaleSignInAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.SessionLifetime);

        // Sign-in by default: only endpoints marked AllowAnonymous (health, sign-in, static assets, the signed Slack and
        // Teams webhooks) answer without it.
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        return services;
    }

    // A user disabled, deleted, given another role or a new password, or signed out, since this cookie was issued must
    // sign in again: the database is asked on every request, so this takes effect at once on every host.
    private static async Task EndStaleSignInAsync(CookieValidatePrincipalContext context)
    {
        var email = SignedInUser.EmailOf(context.Principal!);
        var contexts = context.HttpContext.RequestServices.GetRequiredService<IDbContextFactory<LiveShopDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(context.HttpContext.RequestAborted);
        var current = email is null ? null : await db.Users.AsNoTracking()
            .Where(u => u.Email == email).Select(u => new { u.Disabled, u.Role, u.SecurityStamp }).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || current.Disabled || current.Role != SignedInUser.RoleOf(context.Principal!)
            || (current.SecurityStamp ?? "") != context.Principal!.FindFirst(SignedInUser.SecurityStampClaim)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
