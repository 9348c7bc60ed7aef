using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Support.Email;

/// <summary>Fetches the support mailbox into tickets every <see cref="EmailSettings.PollSeconds"/>; a failed fetch is logged and tried again next round.</summary>
public sealed class EmailPollingWorker(EmailTicketFetcher fetcher, EmailSettings settings, TimeProvider time, ILogger<EmailPollingWorker> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.PollSeconds), time);
        do
        {
            try
            {
                await fetcher.FetchAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The message names host and user, never the password; the next round tries again.
                logger.LogError("Email fetch failed: {Reason}", e is EmailFetchException ? e.Message : e.ToString());
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
