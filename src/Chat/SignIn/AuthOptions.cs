namespace LiveShop.Chat.SignIn;

/// <summary>Sign-in settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Auth";

    /// <summary>The founder's account, created on first run when missing.</summary>
    public string FounderEmail { get; set; } = "founder@liveshop.local";

    /// <summary>The founder's password; when empty, first run generates one and prints it once.</summary>
    public string? FounderPassword { get; set; }

    /// <summary>How long a browser sign-in lasts without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a validated API key is trusted without asking the database again: a key revoked or a user disabled
    /// elsewhere (another process) stops working within this time; revoking through the host itself is immediate.
    /// Zero checks the database on every request.
    /// </summary>
    public TimeSpan ApiKeyCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Origins (<c>https://ops.example.com</c>) the console is also served under, e.g. behind a reverse proxy that
    /// terminates TLS. Requests signed in with the console's cookie are accepted from the host's own origin and these only.
    /// </summary>
    public string[] ConsoleOrigins { get; set; } = [];

    /// <summary>Failed sign-ins tolerated per account and per client before sign-in is refused for a while.</summary>
    public SignInThrottleOptions SignInThrottle { get; set; } = new();
}
