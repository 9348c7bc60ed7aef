namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>
/// A span of time a quantity is measured over: from <see cref="From"/> included to <see cref="To"/> excluded, so that two
/// windows that meet never count the same order twice.
/// </summary>
public readonly record struct TimeWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The <paramref name="days"/> days up to <paramref name="now"/>: [now − days, now).</summary>
    public static TimeWindow Trailing(DateTimeOffset now, int days) => new(now.AddDays(-days), now);
}

/// <summary>
/// Whole days a daily quantity (ad metrics) is measured over: <see cref="From"/> included to <see cref="To"/> excluded.
/// </summary>
public readonly record struct DayWindow(DateOnly From, DateOnly To)
{
    /// <summary>The <paramref name="days"/> days ending with <paramref name="today"/>, today included: [today − days + 1, today + 1).</summary>
    public static DayWindow Trailing(DateOnly today, int days) => new(today.AddDays(1 - days), today.AddDays(1));

    /// <summary>The last day in the window.</summary>
    public DateOnly LastDay => To.AddDays(-1);

    /// <summary>How many days the window holds.</summary>
    public int Days => To.DayNumber - From.DayNumber;

    /// <summary>Whether <paramref name="date"/> is one of the window's days (for records already in memory).</summary>
    public bool Contains(DateOnly date) => date >= From && date < To;

    /// <summary>The same days as instants: from midnight UTC of <see cref="From"/> to midnight UTC of <see cref="To"/>.</summary>
    public TimeWindow AsTimeWindow() => new(new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(To.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
