using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace LiveShop.Bench.Verbs.Cli;

/// <summary>
/// Warm-up of a macro benchmark to steady state. Under load, tiered compilation keeps replacing start-up code with
/// optimised code for the first tens of seconds of a process this size (thousands of methods a second, half a core of
/// compiling on two cores); figures taken before it settles measure the compiler, not the product. So rounds of the
/// benchmark's own load are repeated until the JIT takes less than <see cref="QuietJitShare"/> of a round's time.
/// </summary>
internal static class SteadyState
{
    /// <summary>The JIT's share of a round's wall time below which the process counts as warm.</summary>
    public const double QuietJitShare = 0.01;

    /// <summary>The <c>--warmup-seconds</c> option: the longest a warm-up may take before measuring anyway.</summary>
    public static Option<int> LimitOption() =>
        new("--warmup-seconds") { Description = "Longest warm-up before measuring anyway (seconds)", DefaultValueFactory = _ => 180 };

    /// <summary>How a warm-up went: rounds run, time taken, the JIT's share of the last round, whether it got quiet.</summary>
    public sealed record WarmUp(int Rounds, TimeSpan Elapsed, double LastJitShare, bool Reached)
    {
        /// <summary>The figures a bench prints about its warm-up.</summary>
        public IEnumerable<string> RenderLines()
        {
            yield return $"warmup_rounds: {Rounds}";
            yield return string.Create(CultureInfo.InvariantCulture, $"warmup_seconds: {Elapsed.TotalSeconds:0.0}");
            yield return string.Create(CultureInfo.InvariantCulture, $"warmup_last_jit_share: {LastJitShare:0.0000}");
            yield return $"steady_state: {(Reached ? 1 : 0)}"; // 0: the time limit came first
        }
    }

    /// <summary>Runs <paramref name="round"/> <paramref name="minimumRounds"/> times, then on until the JIT is quiet or <paramref name="limit"/> has passed.</summary>
    public static async Task<WarmUp> ReachAsync(Func<Task> round, int minimumRounds, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        var rounds = 0;
        double share;
        bool quiet;
        do
        {
            var jitBefore = JitInfo.GetCompilationTime();
            var roundStarted = Stopwatch.GetTimestamp();
            await round();
            rounds++;
            share = (JitInfo.GetCompilationTime() - jitBefore) / Stopwatch.GetElapsedTime(roundStarted);
            quiet = share < QuietJitShare;
        }
        while (rounds < minimumRounds || (!quiet && Stopwatch.GetElapsedTime(started) < limit));
        return new WarmUp(rounds, Stopwatch.GetElapsedTime(started), share, quiet);
    }
}
