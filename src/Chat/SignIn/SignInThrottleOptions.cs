namespace LiveShop.Chat.SignIn;

/// <summary>How many wrong passwords are tolerated before sign-in is refused for a while (section <c>Auth:SignInThrottle</c>).</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failed sign-ins for one account within <see cref="Window"/> that lock the account.</summary>
    public int AccountFailures { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address (IPv6: its /64) within <see cref="Window"/>, for any accounts, that lock the client.</summary>
    public int ClientFailures { get; set; } = 20;

    /// <summary>How far back failures are counted, from the first failure of the window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked account or client is refused, even with the right password.</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
}
