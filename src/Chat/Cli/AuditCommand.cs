using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Events;
using LiveShop.Memory.Events.Checkpoints;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>audit verify [--from SEQ]</c>: recompute the event store's hash chain (or a range of it), check it against the
/// newest signed checkpoint, and name the first broken sequence; <c>audit checkpoint</c>: sign the chain's head now.
/// </summary>
internal static class AuditCommand
{
    /// <summary>Exit code when the chain is broken (tampering or loss) or the checkpoint file cannot be trusted.</summary>
    public const int BrokenChainExitCode = 1;

    public static Command Create()
    {
        var audit = new Command("audit", "Audit the tamper-evident event store.");
        audit.Add(Verify());
        audit.Add(Checkpoint());
        return audit;
    }

    private static Command Verify()
    {
        var from = new Option<long>("--from") { Description = "First sequence to check (its link to the row before it is checked too); default: the whole chain", DefaultValueFactory = _ => 1 };
        var verify = new Command("verify", "Recompute every event's hash and the chain, check it against the newest signed checkpoint; exit 1 naming the first broken sequence.") { from };
        verify.SetAction(async (result, cancellationToken) =>
        {
            var fromSequence = result.GetValue(from);
            if (fromSequence < 1)
            {
                result.Error().WriteLine("liveshop: --from must be a sequence of 1 or more");
                return LiveShopCli.UsageExitCode;
            }
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            var checkpoints = await AuditServices.OpenCheckpointFile(configuration, dataSource).ReadAsync(cancellationToken);
            if (!checkpoints.Trusted)
            {
                result.Out().WriteLine($"event chain checkpoint NOT TRUSTED: {checkpoints.Problem}");
                return BrokenChainExitCode;
            }
            var store = new EventStore(dataSource, TimeProvider.System);
            var (head, _) = await store.ReadHeadAsync(cancellationToken);
            if (fromSequence > head && (checkpoints.Latest is null || checkpoints.Latest.Sequence < fromSequence))
            {
                result.Error().WriteLine($"liveshop: --from {fromSequence} is beyond the chain's last sequence {head}");
                return LiveShopCli.UsageExitCode;
            }

            var verification = await store.VerifyChainAsync(fromSequence, checkpoints.Latest, cancellationToken);
            if (!verification.Intact)
            {
                result.Out().WriteLine($"event chain BROKEN at sequence {verification.FirstBrokenSequence}: {verification.Problem}");
                return BrokenChainExitCode;
            }
            var range = fromSequence == 1 ? "" : $" (sequences {fromSequence}–{fromSequence + verification.EventsChecked - 1})";
            result.Out().WriteLine($"event chain intact: {verification.EventsChecked} events verified{range}");
            result.Out().WriteLine(checkpoints.Latest switch
            {
                null => "no signed checkpoint yet: a deleted tail cannot be detected until one is written (audit checkpoint, or the host every few minutes)",
                { } c when c.Sequence >= fromSequence => $"matches the signed checkpoint of sequence {c.Sequence} written at {c.WrittenAt.UtcDateTime:O}",
                { } c => $"the signed checkpoint of sequence {c.Sequence} lies before the range and was not compared",
            });
            return 0;
        });
        return verify;
    }

    private static Command Checkpoint()
    {
        var checkpoint = new Command("checkpoint", "Sign the chain's head now and append it to the data directory's checkpoint file; prints the checkpoint line to publish elsewhere.");
        checkpoint.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            var file = AuditServices.OpenCheckpointFile(configuration, dataSource);
            var (sequence, hash) = await new EventStore(dataSource, TimeProvider.System).ReadHeadAsync(cancellationToken);
            var written = await file.WriteAsync(sequence, hash, TimeProvider.System.GetUtcNow(), cancellationToken);
            result.Out().WriteLine("chain checkpoint " + ChainCheckpointFile.ToLine(written));
            return 0;
        });
        return checkpoint;
    }
}
