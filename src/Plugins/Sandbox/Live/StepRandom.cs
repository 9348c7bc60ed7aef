namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>
/// The random source of one simulated day, derived from the seed and the day's number alone, so a day plays the same
/// whether the simulation ran up to it in one go or resumed after a restart.
/// </summary>
internal static class StepRandom
{
    /// <summary>The day's random source.</summary>
    public static Random ForDay(int seed, long dayNumber) => new(Mix(seed, dayNumber));

    /// <summary>SplitMix64 finaliser over two numbers, folded to a non-negative int (stable across processes, unlike HashCode).</summary>
    public static int Mix(long a, long b)
    {
        unchecked
        {
            var z = (ulong)a * 0x9E3779B97F4A7C15UL + (ulong)b + 0x632BE59BD9B4E019UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFF_FFFF);
        }
    }

    /// <summary>FNV-1a hash of a text, stable across processes.</summary>
    public static long StableHash(string text)
    {
        unchecked
        {
            var hash = 0xCBF29CE484222325UL;
            foreach (var c in text) hash = (hash ^ c) * 0x100000001B3UL;
            return (long)hash;
        }
    }
}
