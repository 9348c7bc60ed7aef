namespace LiveShop.Memory.Events.Subscriptions;

/// <summary>A sequence number missing from what was read, and when a reader first saw it missing.</summary>
public sealed record PendingGap(long Sequence, DateTimeOffset FirstSeen);

/// <summary>A run of sequence numbers given up on: missing for longer than the settle time.</summary>
public sealed record SettledGap(long From, long To);

/// <summary>How much of a batch may be delivered, the gap that holds the rest back, and the gaps given up on.</summary>
public sealed record GapDecision(int Deliverable, PendingGap? Pending, IReadOnlyList<SettledGap> Settled);

/// <summary>
/// The high-water mark of a subscription: what it may deliver without ever passing a sequence number whose transaction is
/// still in flight. Rows become visible when their transaction commits, not in sequence order, so a reader that saw 12
/// before 11 and moved its checkpoint past 12 would never see 11. A batch is therefore delivered only up to its first gap;
/// a gap still open after the settle time is given up on (and recorded, so nothing is skipped silently).
/// </summary>
public static class SequenceGaps
{
    /// <summary>Decides for <paramref name="sequences"/> (ascending, all above <paramref name="position"/>) read at <paramref name="now"/>.</summary>
    public static GapDecision Decide(long position, IReadOnlyList<long> sequences, PendingGap? pending, DateTimeOffset now, TimeSpan settleAfter)
    {
        var settled = new List<SettledGap>();
        var expected = position + 1;
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            if (sequence == expected)
            {
                expected++;
                continue;
            }
            if (pending is not null && pending.Sequence == expected && now - pending.FirstSeen >= settleAfter)
            {
                settled.Add(new SettledGap(expected, sequence - 1));
                pending = null;
                expected = sequence + 1;
                continue;
            }
            return new GapDecision(i, pending?.Sequence == expected ? pending : new PendingGap(expected, now), settled);
        }
        return new GapDecision(sequences.Count, null, settled);
    }
}
