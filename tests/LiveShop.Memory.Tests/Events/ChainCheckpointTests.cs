using LiveShop.Memory.Events.Checkpoints;

namespace LiveShop.Memory.Tests.Events;

public sealed class ChainCheckpointTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset At = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_checkpoint_verifies_only_with_its_key_and_unchanged_content()
    {
        var checkpoint = ChainCheckpoint.Sign(10, new string('a', 64), At, Key);

        Assert.True(checkpoint.IsSignedWith(Key));
        Assert.False(checkpoint.IsSignedWith(Key.Reverse().ToArray()));
        Assert.False((checkpoint with { Sequence = 9 }).IsSignedWith(Key));
        Assert.False((checkpoint with { Hash = new string('b', 64) }).IsSignedWith(Key));
        Assert.False((checkpoint with { WrittenAt = At.AddSeconds(1) }).IsSignedWith(Key));
        Assert.False((checkpoint with { Signature = "not base64!" }).IsSignedWith(Key));
    }

    [Fact]
    public void A_checkpoint_is_due_every_n_events_or_m_minutes_once_the_chain_grew()
    {
        var schedule = new CheckpointSchedule { CheckpointEveryEvents = 100, CheckpointEveryMinutes = 10 };
        var last = ChainCheckpoint.Sign(500, "h", At, Key);

        Assert.False(schedule.IsDue(null, 0, At));
        Assert.True(schedule.IsDue(null, 1, At));
        Assert.False(schedule.IsDue(last, 599, At.AddMinutes(9)));
        Assert.True(schedule.IsDue(last, 600, At.AddMinutes(1)));
        Assert.True(schedule.IsDue(last, 501, At.AddMinutes(10)));
        Assert.False(schedule.IsDue(last, 500, At.AddHours(5)));
        Assert.False(schedule.IsDue(last, 400, At.AddHours(5))); // a shorter chain is for audit verify to report, not to paper over
    }

    [Fact]
    public async Task The_file_keeps_every_checkpoint_and_reports_a_changed_line()
    {
        var directory = Directory.CreateTempSubdirectory("liveshop-checkpoints-").FullName;
        try
        {
            var file = new ChainCheckpointFile(directory, "liveshop", configuredKeyBase64: null);
            await file.WriteAsync(5, "aa", At, CancellationToken.None);
            await file.WriteAsync(9, "bb", At.AddMinutes(10), CancellationToken.None);

            var reading = await new ChainCheckpointFile(directory, "liveshop", null).ReadAsync(CancellationToken.None);
            Assert.True(reading.Trusted);
            Assert.Equal(9, reading.Latest!.Sequence);

            await File.WriteAllTextAsync(file.Path, (await File.ReadAllTextAsync(file.Path)).Replace("\"bb\"", "\"cc\""));
            var changed = await file.ReadAsync(CancellationToken.None);
            Assert.False(changed.Trusted);
            Assert.Contains("line 2", changed.Problem);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
