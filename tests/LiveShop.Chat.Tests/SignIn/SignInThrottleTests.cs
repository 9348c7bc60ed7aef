using System.Net;
using LiveShop.Chat.Tests.Support;

namespace LiveShop.Chat.Tests.SignIn;

/// <summary>Guessing passwords over HTTP: after a few wrong ones the account is locked, and the right one is refused too.</summary>
public sealed class SignInThrottleTests(LiveShopServer server) : IClassFixture<LiveShopServer>
{
    private async Task<string> UserWithPasswordAsync(string email, string password)
    {
        await using (var insert = server.Database.DataSource.CreateCommand(
            "INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES (gen_random_uuid(), $1, 'U', 'support', now(), false) ON CONFLICT (email) DO NOTHING"))
        {
            insert.Parameters.AddWithValue(email);
            await insert.ExecuteNonQueryAsync();
        }
        await server.SetPasswordAsync(email, password);
        return email;
    }

    [Fact]
    public async Task Forty_wrong_passwords_lock_the_account_so_the_right_one_is_refused_with_a_clear_message()
    {
        var email = await UserWithPasswordAsync("guessed@liveshop.local", "the-right-password");
        using var attacker = CookieSession.Open(server.BaseAddress);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var wrong = await attacker.SignInAsync(email, $"guess-{attempt:D4}-password");
            Assert.StartsWith("/signin?error=", wrong.Headers.Location!.OriginalString);
        }

        var right = await attacker.SignInAsync(email, "the-right-password");
        var location = right.Headers.Location!.OriginalString;
        Assert.StartsWith("/signin?error=locked", location);
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.Client.GetAsync("/api/sandbox/status")).StatusCode);
        var page = await attacker.Client.GetStringAsync(location);
        Assert.Contains("Too many sign-in attempts; try again in 15 minutes.", page);

        // Another account is not locked by it.
        var other = await UserWithPasswordAsync("bystander@liveshop.local", "bystander-password");
        using var bystander = await CookieSession.SignedInAsync(server.BaseAddress, other, "bystander-password");
        Assert.Equal(HttpStatusCode.OK, (await bystander.Client.GetAsync("/api/sandbox/status")).StatusCode);
    }
}
