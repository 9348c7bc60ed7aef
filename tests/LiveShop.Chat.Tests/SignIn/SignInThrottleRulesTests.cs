using System.Net;
using LiveShop.Chat.SignIn;
using LiveShop.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Chat.Tests.SignIn;

/// <summary>The throttle's counting, windows and lockouts on a real database, on a clock the test moves.</summary>
public sealed class SignInThrottleRulesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly SignInThrottleOptions Options = new()
    {
        AccountFailures = 3, ClientFailures = 5, Window = TimeSpan.FromMinutes(10), Lockout = TimeSpan.FromMinutes(15),
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private SignInThrottle Throttle() => new(database.DataSource, _clock, Options);

    private static IPAddress Client(int n) => IPAddress.Parse($"198.51.100.{n}");

    [Fact]
    public async Task An_account_locks_at_the_limit_within_the_window_and_unlocks_when_the_lockout_ends()
    {
        var throttle = Throttle();
        Assert.Null(await throttle.FailedAsync("locked@liveshop.local", Client(1), default));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await throttle.FailedAsync("LOCKED@liveshop.local ", Client(2), default));
        Assert.Null(await throttle.LockedForAsync("locked@liveshop.local", Client(3), default));

        Assert.Equal(TimeSpan.FromMinutes(15), await throttle.FailedAsync("locked@liveshop.local", Client(3), default));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMinutes(10), await throttle.LockedForAsync("locked@liveshop.local", Client(4), default));
        Assert.Null(await throttle.LockedForAsync("someone-else@liveshop.local", Client(4), default));

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(await throttle.LockedForAsync("locked@liveshop.local", Client(4), default));
        Assert.Null(await throttle.FailedAsync("locked@liveshop.local", Client(4), default));
    }

    [Fact]
    public async Task Failures_further_apart_than_the_window_never_lock()
    {
        var throttle = Throttle();
        for (var i = 0; i < 6; i++)
        {
            Assert.Null(await throttle.FailedAsync("slow@liveshop.local", Client(10 + i), default));
            _clock.Advance(TimeSpan.FromMinutes(6));
        }
        Assert.Null(await throttle.LockedForAsync("slow@liveshop.local", Client(20), default));
    }

    [Fact]
    public async Task A_success_clears_the_accounts_failures()
    {
        var throttle = Throttle();
        await throttle.FailedAsync("forgetful@liveshop.local", Client(30), default);
        await throttle.FailedAsync("forgetful@liveshop.local", Client(31), default);
        await throttle.SucceededAsync("forgetful@liveshop.local", default);
        Assert.Null(await throttle.FailedAsync("forgetful@liveshop.local", Client(32), default));
        Assert.Null(await throttle.FailedAsync("forgetful@liveshop.local", Client(33), default));
    }

    [Fact]
    public async Task One_client_guessing_at_many_accounts_is_locked_for_every_account_and_other_clients_are_not()
    {
        var throttle = Throttle();
        var sprayer = IPAddress.Parse("203.0.113.7");
        for (var i = 0; i < 4; i++)
            Assert.Null(await throttle.FailedAsync($"spray-{i}@liveshop.local", sprayer, default));
        Assert.Equal(TimeSpan.FromMinutes(15), await throttle.FailedAsync("spray-4@liveshop.local", sprayer, default));

        Assert.NotNull(await throttle.LockedForAsync("never-tried@liveshop.local", sprayer, default));
        Assert.Null(await throttle.LockedForAsync("never-tried@liveshop.local", Client(40), default));
    }

    [Fact]
    public async Task An_ipv6_client_is_counted_by_its_slash_64()
    {
        var throttle = Throttle();
        for (var i = 1; i <= 5; i++)
            await throttle.FailedAsync($"v6-{i}@liveshop.local", IPAddress.Parse($"2001:db8:1:2::{i:x}"), default);
        Assert.NotNull(await throttle.LockedForAsync("v6-other@liveshop.local", IPAddress.Parse("2001:db8:1:2:ffff::1"), default));
        Assert.Null(await throttle.LockedForAsync("v6-other@liveshop.local", IPAddress.Parse("2001:db8:1:3::1"), default));
    }
}
