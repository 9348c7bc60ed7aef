namespace LiveShop.Memory.Knowledge.Chunking;

/// <summary>How large the passages are: small enough to be specific, large enough to carry context.</summary>
public sealed record ChunkingOptions
{
    /// <summary>The default: passages of up to 320 words, overlapping by one paragraph (at most 60 words).</summary>
    public static ChunkingOptions Default { get; } = new();

    /// <summary>A passage is closed before a paragraph that would take it past this many words.</summary>
    public int MaxWords { get; init; } = 320;

    /// <summary>At most this many words of the previous passage start the next one within a section.</summary>
    public int OverlapWords { get; init; } = 60;

    /// <summary>A section shorter than this (an introduction line) is carried into the next, deeper section.</summary>
    public int MinSectionWords { get; init; } = 40;
}
