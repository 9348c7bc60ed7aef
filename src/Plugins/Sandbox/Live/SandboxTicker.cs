using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LiveShop.Plugins.Sandbox.Live;

/// <summary>
/// Advances the live simulation continuously in <c>serve</c> mode: simulated time runs at <see cref="SandboxOptions.Speed"/>
/// and each simulated day is played when the clock passes its end. Only the host holding a PostgreSQL advisory lock
/// ticks, so several hosts on one database never play the same world twice; the others stand by.
/// </summary>
public sealed class SandboxTicker(
    LiveSimulation simulation, NpgsqlDataSource dataSource, IOptions<SandboxOptions> options, TimeProvider timeProvider, ILogger<SandboxTicker> logger)
    : BackgroundService, ISandboxControl
{
    /// <summary>Advisory lock key of the ticking role ("LSSANDBX").</summary>
    internal const long TickingLockKey = 0x4C53_5341_4E44_4258;

    private readonly SandboxOptions _options = options.Value;
    private volatile bool _paused = options.Value.Paused;
    private volatile bool _ticking;
    private DateTimeOffset? _clock, _nextDayAt;
    private long _daysPlayed;
    private string? _lastError;
    // Held while a simulated day is being played, so a pause can wait for the day in flight to commit.
    private readonly SemaphoreSlim _playing = new(1, 1);

    /// <inheritdoc />
    public void Pause() => _paused = true;

    /// <inheritdoc />
    public void Resume() => _paused = false;

    /// <summary>Pauses, and completes once the simulated day in flight (if any) has committed: from then on time stands still.</summary>
    public async Task PauseAndSettleAsync(CancellationToken cancellationToken)
    {
        Pause();
        await _playing.WaitAsync(cancellationToken);
        _playing.Release();
    }

    /// <inheritdoc />
    public SandboxStatus Status => new(_options.Enabled, _paused, _ticking, _options.Speed, _clock, _nextDayAt, Interlocked.Read(ref _daysPlayed), _lastError);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || _options.Speed <= 0) return;
        var tick = TimeSpan.FromSeconds(Math.Max(0.05, _options.TickSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lockConnection = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryTakeTickingLockAsync(lockConnection, stoppingToken))
                {
                    await Task.Delay(tick * 5, timeProvider, stoppingToken);
                    continue;
                }
                _ticking = true;
                await TickWhileHoldingLockAsync(lockConnection, tick, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _lastError = e.Message;
                logger.LogError(e, "sandbox simulation tick failed; retrying");
                await Task.Delay(tick * 5, timeProvider, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
            finally
            {
                _ticking = false;
            }
        }
    }

    private static async Task<bool> TryTakeTickingLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", TickingLockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task TickWhileHoldingLockAsync(NpgsqlConnection lockConnection, TimeSpan tick, CancellationToken stoppingToken)
    {
        var position = await simulation.GetPositionAsync(stoppingToken);
        if (position is null)
        {
            logger.LogInformation("no sandbox business in the database; the simulation stays idle");
            await Task.Delay(tick * 30, timeProvider, stoppingToken);
            return;
        }
        // After downtime the world makes up for lost time, but never more than a bounded amount.
        var now = timeProvider.GetUtcNow();
        var downtime = now - position.UpdatedAt;
        var catchUpMinutes = Math.Min(Math.Max(0, downtime.TotalSeconds) * _options.Speed, _options.MaxCatchUpDays * 24 * 60);
        _nextDayAt = position.SimulatedNow.AddDays(1);
        _clock = position.SimulatedNow.AddMinutes(catchUpMinutes);
        var last = now;
        while (!stoppingToken.IsCancellationRequested && lockConnection.FullState == System.Data.ConnectionState.Open)
        {
            await Task.Delay(tick, timeProvider, stoppingToken);
            now = timeProvider.GetUtcNow();
            var elapsed = now - last;
            last = now;
            if (_paused) continue;
            _clock = _clock.Value.AddMinutes(elapsed.TotalSeconds * _options.Speed);
            await _playing.WaitAsync(stoppingToken);
            try
            {
                while (_clock >= _nextDayAt && !_paused && !stoppingToken.IsCancellationRequested)
                {
                    var day = await simulation.AdvanceDayAsync(stoppingToken);
                    Interlocked.Increment(ref _daysPlayed);
                    _nextDayAt = new DateTimeOffset(day.Date.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    _lastError = null;
                    logger.LogInformation("sandbox day {Day} played: {Orders} orders, {Events} events", day.Date, day.Orders, day.EventsWritten);
                }
            }
            finally
            {
                _playing.Release();
            }
        }
    }
}
