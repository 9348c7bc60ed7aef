using LiveShop.Memory.Learnings;

namespace LiveShop.Memory.Tests.Learnings;

public sealed class MemoryRankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_fresh_memory_does_not_decay()
    {
        Assert.Equal(1.0, MemoryRanking.Decay(Now, null, 1, Now), 6);
    }

    [Fact]
    public void An_unconfirmed_memory_halves_every_sixty_days()
    {
        Assert.Equal(0.5, MemoryRanking.Decay(Now.AddDays(-60), null, 1, Now), 6);
        Assert.Equal(0.25, MemoryRanking.Decay(Now.AddDays(-120), null, 1, Now), 6);
    }

    [Fact]
    public void Decay_counts_from_the_last_confirmation_not_the_creation()
    {
        Assert.Equal(1.0, MemoryRanking.Decay(Now.AddDays(-300), Now, 1, Now), 6);
    }

    [Fact]
    public void Confirmations_slow_the_decay()
    {
        var once = MemoryRanking.Decay(Now.AddDays(-90), null, 1, Now);
        var fiveTimes = MemoryRanking.Decay(Now.AddDays(-90), null, 5, Now);
        Assert.True(fiveTimes > once, $"{fiveTimes} should exceed {once}");
    }

    [Fact]
    public void A_very_old_memory_keeps_the_floor()
    {
        Assert.Equal(MemoryRanking.DecayFloor, MemoryRanking.Decay(Now.AddYears(-10), null, 1, Now), 6);
    }

    [Fact]
    public void An_old_unconfirmed_memory_ranks_below_a_fresh_confirmed_one_of_similar_similarity()
    {
        var old = MemoryRanking.Score(0.82, Now.AddDays(-180), null, 1, Now);
        var fresh = MemoryRanking.Score(0.78, Now.AddDays(-200), Now.AddDays(-2), 3, Now);
        Assert.True(fresh > old, $"fresh {fresh} should outrank old {old}");
    }
}
