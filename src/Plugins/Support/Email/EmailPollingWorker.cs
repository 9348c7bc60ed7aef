using LiveShop.Memory.Background;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveShop.Plugins.Support.Email;

/// <summary>Fetches the support mailbox into tickets every <see cref="EmailSettings.PollSeconds"/>; a failed fetch is logged and tried again next round.</summary>
public sealed class EmailPollingWorker(EmailTicketFetcher fetcher, EmailSettings settings, TimeProvider time, ILogger<EmailPollingWorker> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(settings.PollSeconds);
        return RecurringWork.RunAsync(async ct =>
        {
            await fetcher.FetchAsync(ct);
            return false;
        }, interval, interval,
            // The message names host and user, never the password; the next round tries again.
            e => logger.LogError("Email fetch failed: {Reason}", e is EmailFetchException ? e.Message : e.ToString()),
            time, stoppingToken);
    }
}
