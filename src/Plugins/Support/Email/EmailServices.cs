using LiveShop.Memory.Events;
using LiveShop.Plugins.Records;
using LiveShop.Plugins.Integrations;
using LiveShop.Plugins.Sandbox.Actions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using LiveShop.Kernel.Actions.Definitions.Support;

namespace LiveShop.Plugins.Support.Email;

/// <summary>Registers the email connector when <c>Integrations:Email</c> is configured.</summary>
public static class EmailServices
{
    /// <summary>
    /// When the <c>Integrations:Email</c> section has any setting: checks the settings (a misconfiguration throws here, at
    /// start-up, naming every problem) and registers the SMTP sender, the <see cref="RespondTicketAction"/> live connector, the IMAP
    /// fetcher and the polling worker. Without the section it registers nothing and the sandbox answers. Returns whether
    /// email is live. Needs an <see cref="NpgsqlDataSource"/>, <see cref="TimeProvider"/> and logging from the host.
    /// </summary>
    public static bool AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EmailSettings.Section);
        if (!section.GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value))) return false;
        var settings = EmailSettings.Read(section);

        services.AddSingleton(settings);
        services.TryAddSingleton(sp => new EventStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<BusinessUnitOfWork>();
        services.AddSingleton<EmailReplySender>();
        services.AddSingleton<EmailTicketStore>();
        services.AddSingleton<EmailTicketFetcher>();
        services.AddSingleton<EmailRespondTicketConnector>();
        services.AddSingleton<ILiveActionConnector>(sp => sp.GetRequiredService<EmailRespondTicketConnector>());
        services.AddHostedService<EmailPollingWorker>();
        return true;
    }
}
