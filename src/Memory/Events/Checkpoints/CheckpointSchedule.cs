namespace LiveShop.Memory.Events.Checkpoints;

/// <summary>How often the chain head is checkpointed (section <c>Audit</c>): every so many events or minutes, whichever comes first.</summary>
public sealed class CheckpointSchedule
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Audit";

    /// <summary>A checkpoint is due once the chain has grown by this many events since the last one (<c>Audit:CheckpointEveryEvents</c>).</summary>
    public int CheckpointEveryEvents { get; set; } = 1000;

    /// <summary>A checkpoint is due once this many minutes have passed since the last one and the chain has grown (<c>Audit:CheckpointEveryMinutes</c>).</summary>
    public double CheckpointEveryMinutes { get; set; } = 10;

    /// <summary>True when the head (<paramref name="headSequence"/>) deserves a new checkpoint after <paramref name="last"/> (null: none written yet).</summary>
    public bool IsDue(ChainCheckpoint? last, long headSequence, DateTimeOffset now)
    {
        if (headSequence == 0) return false;
        if (last is null) return true;
        if (headSequence == last.Sequence) return false;
        // A head below the last checkpoint is exactly what audit verify must report; a new checkpoint would hide it.
        if (headSequence < last.Sequence) return false;
        return headSequence - last.Sequence >= CheckpointEveryEvents || now - last.WrittenAt >= TimeSpan.FromMinutes(CheckpointEveryMinutes);
    }
}
