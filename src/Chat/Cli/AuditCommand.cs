using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Events;

namespace LiveShop.Chat.Cli;

/// <summary><c>audit verify</c>: recompute the event store's hash chain and name the first broken sequence.</summary>
internal static class AuditCommand
{
    /// <summary>Exit code when the chain is broken (tampering or loss).</summary>
    public const int BrokenChainExitCode = 1;

    public static Command Create()
    {
        var audit = new Command("audit", "Audit the tamper-evident event store.");
        var verify = new Command("verify", "Recompute every event's hash and the chain; exit 1 naming the first broken sequence.");
        verify.SetAction(async (result, cancellationToken) =>
        {
            await using var dataSource = await DatabaseBootstrap.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var store = new EventStore(dataSource, TimeProvider.System);
            var verification = await store.VerifyChainAsync(cancellationToken);
            if (verification.Intact)
            {
                result.Out().WriteLine($"event chain intact: {verification.EventsChecked} events verified");
                return 0;
            }
            result.Out().WriteLine($"event chain BROKEN at sequence {verification.FirstBrokenSequence}: {verification.Problem}");
            return BrokenChainExitCode;
        });
        audit.Add(verify);
        return audit;
    }
}
