namespace LiveShop.Plugins.Sandbox.Simulation;

/// <summary>Draws from the world's one seeded random source: distributions, picks and Guids.</summary>
internal static class SeededDraws
{
    /// <summary>Uniform double in [min, max).</summary>
    public static double Between(this Random random, double min, double max) => min + random.NextDouble() * (max - min);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool Chance(this Random random, double p) => random.NextDouble() < p;

    /// <summary>A random element.</summary>
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>An index drawn in proportion to the weights.</summary>
    public static int PickWeighted(this Random random, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>Standard normal draw (Box–Muller).</summary>
    public static double Normal(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson count with mean <paramref name="mean"/>; a normal approximation for large means.</summary>
    public static int Poisson(this Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 40) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * random.Normal()));
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    /// <summary>A version-4 shaped Guid made from seeded bytes, so ids repeat with the seed.</summary>
    public static Guid NextGuid(this Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Lower-case hex string of <paramref name="length"/> characters.</summary>
    public static string Hex(this Random random, int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    /// <summary>A moment inside the given UTC day, between the given hours.</summary>
    public static DateTimeOffset TimeOn(this Random random, DateOnly day, double fromHour = 0, double toHour = 24) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            .AddSeconds(Math.Floor(random.Between(fromHour, toHour) * 3600));

    /// <summary>Money rounded to cents.</summary>
    public static decimal Money(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Money rounded to cents.</summary>
    public static decimal Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
