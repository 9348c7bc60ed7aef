using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.SignIn;

/// <summary>First run: makes sure the founder exists and can sign in.</summary>
public static class FounderAccount
{
    /// <summary>
    /// Creates the founder when missing; gives them the configured password, or — when none is configured and they have
    /// none yet — a generated one printed once to <paramref name="console"/> (stdout, never the log file).
    /// </summary>
    public static async Task EnsureAsync(Func<LiveShopDbContext> createContext, AuthOptions options, TimeProvider time, TextWriter console, CancellationToken cancellationToken)
    {
        await using (var context = createContext())
        {
            var email = options.FounderEmail.Trim();
            var founder = await context.Users.SingleOrDefaultAsync(u => u.Email.ToLower() == email.ToLower(), cancellationToken);
            if (founder is null)
            {
                context.Users.Add(new User { Id = Guid.NewGuid(), Email = email, DisplayName = "Founder", Role = "founder", CreatedAt = time.GetUtcNow() });
                await context.SaveChangesAsync(cancellationToken);
            }
            else if (!string.IsNullOrEmpty(options.FounderPassword) ? UserPasswords.Matches(founder, options.FounderPassword) : founder.PasswordHash is not null)
            {
                return;
            }
        }

        var passwords = new UserPasswords(createContext);
        if (!string.IsNullOrEmpty(options.FounderPassword))
        {
            await passwords.SetAsync(options.FounderEmail, options.FounderPassword, cancellationToken);
            return;
        }
        var generated = UserPasswords.Generate();
        await passwords.SetAsync(options.FounderEmail, generated, cancellationToken);
        console.WriteLine($"founder sign-in: {options.FounderEmail} / {generated}");
    }
}
