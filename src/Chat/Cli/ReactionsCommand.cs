using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Events.Subscriptions;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>reactions status|parked|catch-up</c>: where each event subscription stands and who holds it, the events it parked
/// after its retries ran out, and a one-off catch-up (what <c>serve</c> does continuously).
/// </summary>
internal static class ReactionsCommand
{
    public static Command Create()
    {
        var reactions = new Command("reactions", "The event reactions: subscription positions, parked events, catch up now.");

        var status = new Command("status", "Each subscription's position, the chain's head, and the host holding its lease (JSON).");
        status.SetAction(async (result, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var head = await host.Services.GetRequiredService<Memory.Events.EventStore>().HeadSequenceAsync(cancellationToken);
            var states = await host.Services.GetRequiredService<SubscriptionCheckpoints>().ListAsync(cancellationToken);
            var names = host.Services.GetRequiredService<SubscriptionRunner>().Subscriptions.Select(s => s.Name).ToList();
            result.Out().WriteLine(JsonSerializer.Serialize(new
            {
                Head = head,
                Subscriptions = names.Select(name => states.FirstOrDefault(s => s.Name == name) is { } s
                    ? new { Name = name, Started = true, s.Position, Lag = head - s.Position, s.Owner, s.LeaseExpiresAt }
                    : new { Name = name, Started = false, Position = 0L, Lag = 0L, Owner = (string?)null, LeaseExpiresAt = (DateTimeOffset?)null }),
            }, JsonDefaults.Options));
            return 0;
        });

        var subscription = new Option<string?>("--subscription") { Description = "Only this subscription's parked events" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first (default 50)", DefaultValueFactory = _ => 50 };
        var parked = new Command("parked", "Events a subscription gave up on after its retries, with the error (JSON lines, newest first).") { subscription, limit };
        parked.SetAction(async (result, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var events = await host.Services.GetRequiredService<ParkedEvents>().ListAsync(result.GetValue(subscription), Math.Max(1, result.GetValue(limit)), cancellationToken);
            foreach (var e in events) result.Out().WriteLine(JsonSerializer.Serialize(e, JsonDefaults.Options));
            return 0;
        });

        var catchUp = new Command("catch-up", "Run every subscription this host can own up to the chain's head now (JSON summary).");
        catchUp.SetAction(async (result, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var runner = host.Services.GetRequiredService<SubscriptionRunner>();
            var summary = await runner.CatchUpAsync(cancellationToken);
            await runner.ReleaseAsync(cancellationToken);
            result.Out().WriteLine(JsonSerializer.Serialize(summary, JsonDefaults.Options));
            return 0;
        });

        reactions.Add(status);
        reactions.Add(parked);
        reactions.Add(catchUp);
        return reactions;
    }
}
