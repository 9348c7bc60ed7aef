using System.Buffers;

namespace LiveShop.Kernel.Verification.Claims;

/// <summary>
/// One word of normalised text: its letters at <see cref="LetterStart"/>..<see cref="LetterEnd"/> of the words' letter
/// buffer, and the span <see cref="Start"/>..<see cref="End"/> of the original text it was read from.
/// </summary>
internal readonly record struct ClaimToken(int LetterStart, int LetterEnd, int Start, int End);

/// <summary>
/// Normalised words in buffers rented from the shared pool: every word's letters back to back (so consecutive words,
/// joined, are one slice) and each word's place. Dispose returns the buffers.
/// </summary>
internal struct NormalizedWords : IDisposable
{
    private char[] _letters;
    private ClaimToken[] _tokens;

    /// <summary>Rents buffers sized for a text of <paramref name="textLength"/> characters (they grow when needed).</summary>
    public NormalizedWords(int textLength)
    {
        _letters = ArrayPool<char>.Shared.Rent(Math.Max(16, textLength));
        _tokens = ArrayPool<ClaimToken>.Shared.Rent(Math.Max(8, textLength / 2 + 1));
    }

    /// <summary>How many letters were read.</summary>
    public int LetterCount { get; private set; }

    /// <summary>How many words were read.</summary>
    public int Count { get; private set; }

    /// <summary>Every word's letters, back to back.</summary>
    public readonly ReadOnlySpan<char> Letters => _letters.AsSpan(0, LetterCount);

    /// <summary>The words in order of appearance.</summary>
    public readonly ReadOnlySpan<ClaimToken> Tokens => _tokens.AsSpan(0, Count);

    public void Clear() => (LetterCount, Count) = (0, 0);

    public void AddLetter(char c)
    {
        if (LetterCount == _letters.Length) _letters = Grow(_letters, LetterCount);
        _letters[LetterCount++] = c;
    }

    public void AddWord(int letterStart, int start, int end)
    {
        if (Count == _tokens.Length) _tokens = Grow(_tokens, Count);
        _tokens[Count++] = new ClaimToken(letterStart, LetterCount, start, end);
    }

    public void Dispose()
    {
        if (_letters is not null) ArrayPool<char>.Shared.Return(_letters);
        if (_tokens is not null) ArrayPool<ClaimToken>.Shared.Return(_tokens);
        (_letters, _tokens) = (null!, null!);
    }

    private static T[] Grow<T>(T[] buffer, int used)
    {
        var larger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<T>.Shared.Return(buffer);
        return larger;
    }
}
