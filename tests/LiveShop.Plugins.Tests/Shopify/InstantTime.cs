using System.Collections.Concurrent;

namespace LiveShop.Plugins.Tests.Shopify;

/// <summary>
/// A clock whose timers fire at once and move the clock forward by their due time, recording every wait: throttle
/// back-offs take no real time, and a test can still assert how long the client chose to wait.
/// </summary>
public sealed class InstantTime(DateTimeOffset start) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private long _ticks = start.UtcTicks;

    /// <summary>Every timer's due time, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => _waits.ToList();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new FiringTimer(this, callback, state, dueTime);

    private void Elapse(TimeSpan dueTime)
    {
        _waits.Enqueue(dueTime);
        Interlocked.Add(ref _ticks, dueTime.Ticks);
    }

    private sealed class FiringTimer : ITimer
    {
        private readonly InstantTime _time;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private int _disposed;

        public FiringTimer(InstantTime time, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            (_time, _callback, _state) = (time, callback, state);
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan || Volatile.Read(ref _disposed) == 1) return true;
            _time.Elapse(dueTime);
            // Fired from the thread pool, after the creator has its timer in hand, as a real timer would be.
            ThreadPool.QueueUserWorkItem(_ => { if (Volatile.Read(ref _disposed) == 0) _callback(_state); });
            return true;
        }

        public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
