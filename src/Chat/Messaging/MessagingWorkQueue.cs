using System.Threading.Channels;

namespace LiveShop.Chat.Messaging;

/// <summary>
/// Work accepted from Slack or Teams that must not hold up the HTTP answer (Slack wants one within 3 seconds): the
/// endpoint verifies, records and enqueues; <see cref="MessagingWorker"/> runs the work in its own scope.
/// </summary>
public sealed class MessagingWorkQueue
{
    private readonly Channel<MessagingWork> _channel = Channel.CreateBounded<MessagingWork>(new BoundedChannelOptions(1000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>Queues work described by <paramref name="description"/> (for the log).</summary>
    public ValueTask EnqueueAsync(string description, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new MessagingWork(description, work), cancellationToken);

    internal ChannelReader<MessagingWork> Reader => _channel.Reader;
}

/// <summary>One queued piece of work.</summary>
internal sealed record MessagingWork(string Description, Func<IServiceProvider, CancellationToken, Task> Run);

/// <summary>Runs queued messaging work one item at a time; a failure is logged and does not stop the worker.</summary>
public sealed class MessagingWorker(MessagingWorkQueue queue, IServiceScopeFactory scopes, ILogger<MessagingWorker> logger) : BackgroundService
{
    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await queue.Reader.WaitToReadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await WaitAsync(stoppingToken) && queue.Reader.TryRead(out var work))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work.Run(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // shutting down: the work was cut short, not failed
            }
            catch (Exception e)
            {
                logger.LogError(e, "Messaging work failed: {Work}", work.Description);
            }
        }
    }
}
