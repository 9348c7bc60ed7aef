using System.Security.Cryptography;
using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.SignIn;

/// <summary>Sets and generates users' sign-in passwords, hashed the way ASP.NET Core Identity checks them, and ends their sign-ins.</summary>
public sealed class UserPasswords(Func<LiveShopDbContext> createContext)
{
    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>Shortest password accepted.</summary>
    public const int MinimumLength = 10;

    /// <summary>A random password of 20 URL-safe characters.</summary>
    public static string Generate() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15));

    /// <summary>Stores the hash of <paramref name="password"/> for the user; false when there is no such user.</summary>
    public async Task<bool> SetAsync(string email, string password, CancellationToken cancellationToken)
    {
        if (password.Length < MinimumLength) throw new ArgumentException($"a password needs at least {MinimumLength} characters", nameof(password));
        await using var context = createContext();
        var user = await context.Users.SingleOrDefaultAsync(u => u.Email.ToLower() == email.Trim().ToLower(), cancellationToken);
        if (user is null) return false;
        user.PasswordHash = Hasher.HashPassword(user, password);
        user.SecurityStamp = NewSecurityStamp();
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Ends every browser sign-in of the user, wherever the cookie was kept: the cookies carry the security stamp they
    /// were issued with, and a changed stamp refuses them on their next request.
    /// </summary>
    public async Task EndSignInsAsync(string email, CancellationToken cancellationToken)
    {
        await using var context = createContext();
        var stamp = NewSecurityStamp();
        await context.Users.Where(u => u.Email.ToLower() == email.Trim().ToLower())
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp), cancellationToken);
    }

    private static string NewSecurityStamp() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="password"/> matches the user's stored hash.</summary>
    public static bool Matches(User user, string password) =>
        user.PasswordHash is not null && Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
