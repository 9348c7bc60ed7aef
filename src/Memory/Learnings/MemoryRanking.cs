namespace LiveShop.Memory.Learnings;

/// <summary>
/// How recalled memories are ordered: similarity to the question times a decay that halves every
/// <see cref="BaseHalfLifeDays"/> since the memory was last confirmed; each confirmation lengthens the half-life, so a
/// lesson seen many times fades slowly and a one-off observation fades fast.
/// </summary>
public static class MemoryRanking
{
    /// <summary>Half-life of a memory confirmed once.</summary>
    public const double BaseHalfLifeDays = 60;

    /// <summary>The decay never goes below this, so an old memory that matches well can still surface.</summary>
    public const double DecayFloor = 0.05;

    /// <summary>Decay factor in (<see cref="DecayFloor"/>, 1] for a memory last confirmed at <paramref name="lastConfirmedAt"/>.</summary>
    public static double Decay(DateTimeOffset createdAt, DateTimeOffset? lastConfirmedAt, int confirmationCount, DateTimeOffset now)
    {
        var since = lastConfirmedAt ?? createdAt;
        var ageDays = Math.Max(0, (now - since).TotalDays);
        var halfLife = BaseHalfLifeDays * (1 + Math.Log(Math.Max(1, confirmationCount)));
        return Math.Max(DecayFloor, Math.Pow(0.5, ageDays / halfLife));
    }

    /// <summary>The ranking score: similarity × decay.</summary>
    public static double Score(double similarity, DateTimeOffset createdAt, DateTimeOffset? lastConfirmedAt, int confirmationCount, DateTimeOffset now) =>
        similarity * Decay(createdAt, lastConfirmedAt, confirmationCount, now);
}
