namespace LiveShop.Memory.Background;

/// <summary>
/// The loop every background worker runs: do a round, wait, repeat until the host stops. A round that reports more work
/// waiting runs again at once; a failed round is handed to <c>onFailure</c> and retried after <c>errorDelay</c>, so one
/// bad round never stops the worker.
/// </summary>
public static class RecurringWork
{
    /// <summary>Runs <paramref name="round"/> until <paramref name="stoppingToken"/> is cancelled; the round returns whether more work is waiting.</summary>
    public static async Task RunAsync(Func<CancellationToken, Task<bool>> round, TimeSpan interval, TimeSpan errorDelay,
        Action<Exception> onFailure, TimeProvider time, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = interval;
            try
            {
                if (await round(stoppingToken)) delay = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                onFailure(e);
                delay = errorDelay;
            }
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
