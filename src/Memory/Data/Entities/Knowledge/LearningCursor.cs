namespace LiveShop.Memory.Data.Entities.Knowledge;

/// <summary>How far a reader of the event store has got (e.g. the learning worker), so each event is handled once.</summary>
public sealed class LearningCursor
{
    /// <summary>The reader's name, e.g. <c>learnings</c>.</summary>
    public required string Name { get; set; }
    /// <summary>The last event sequence fully handled.</summary>
    public long LastSequence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
