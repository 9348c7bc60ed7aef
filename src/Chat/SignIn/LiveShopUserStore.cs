using LiveShop.Memory.Data;
using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.SignIn;

/// <summary>
/// ASP.NET Core Identity's view of the product's <c>users</c> table: the email is the user name, the one
/// <see cref="User.Role"/> is the user's role. Users are created by the seed, the first run or an operator, never here.
/// </summary>
public sealed class LiveShopUserStore(IDbContextFactory<LiveShopDbContext> contexts)
    : IUserPasswordStore<User>, IUserRoleStore<User>, IUserSecurityStampStore<User>
{
    private readonly LiveShopDbContext _context = contexts.CreateDbContext();

    public Task<string> GetUserIdAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);
    public Task<string?> GetNormalizedUserNameAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email.ToUpperInvariant());

    public Task SetUserNameAsync(User user, string? userName, CancellationToken cancellationToken)
    {
        user.Email = userName ?? user.Email;
        return Task.CompletedTask;
    }

    // The normalized name is derived from the email, so there is nothing to store.
    public Task SetNormalizedUserNameAsync(User user, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IdentityResult> CreateAsync(User user, CancellationToken cancellationToken)
    {
        _context.Users.Add(user);
        await _context.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(User user, CancellationToken cancellationToken)
    {
        _context.Users.Update(user);
        await _context.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(User user, CancellationToken cancellationToken)
    {
        _context.Users.Remove(user);
        await _context.SaveChangesAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public Task<User?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) ? _context.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) : Task.FromResult<User?>(null);

    public Task<User?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        _context.Users.SingleOrDefaultAsync(u => u.Email.ToUpper() == normalizedUserName, cancellationToken);

    public Task SetPasswordHashAsync(User user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(User user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.SecurityStamp);

    public Task AddToRoleAsync(User user, string roleName, CancellationToken cancellationToken) => SetRole(user, roleName);

    // A user always has exactly one role; removing it is not meaningful, so it is refused rather than silently ignored.
    public Task RemoveFromRoleAsync(User user, string roleName, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a user always has one role; assign another instead");

    public Task<IList<string>> GetRolesAsync(User user, CancellationToken cancellationToken) => Task.FromResult<IList<string>>([user.Role]);

    public Task<bool> IsInRoleAsync(User user, string roleName, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(user.Role, roleName, StringComparison.OrdinalIgnoreCase));

    public async Task<IList<User>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        await _context.Users.Where(u => u.Role == roleName.ToLowerInvariant()).ToListAsync(cancellationToken);

    private static Task SetRole(User user, string roleName)
    {
        var role = roleName.ToLowerInvariant();
        if (!User.Roles.Contains(role)) throw new ArgumentException($"unknown role '{roleName}'", nameof(roleName));
        user.Role = role;
        return Task.CompletedTask;
    }

    public void Dispose() => _context.Dispose();
}
