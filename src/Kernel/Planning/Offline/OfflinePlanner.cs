using LiveShop.Memory.Knowledge.Embeddings;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Planning.Offline;

/// <summary>A function and how well it matches the message (semantic similarity plus cue and slot evidence).</summary>
public sealed record ScoredFunction(KernelFunction Function, double Score, double Similarity);

/// <summary>What the planner decided for one message: call a function with typed arguments, or ask a question.</summary>
public sealed record PlannerDecision
{
    /// <summary>The function to call; null when the planner asks instead.</summary>
    public KernelFunction? Function { get; init; }

    /// <summary>The typed arguments of the call (empty when asking).</summary>
    public IReadOnlyDictionary<string, object> Arguments { get; init; } = new Dictionary<string, object>();

    /// <summary>The clarifying question, when the planner does not call.</summary>
    public string? Question { get; init; }

    /// <summary>Every offered function, best first.</summary>
    public required IReadOnlyList<ScoredFunction> Ranking { get; init; }

    /// <summary>Whether the decision is a call.</summary>
    public bool IsCall => Function is not null;
}

/// <summary>
/// The offline planner's choice and extraction: scores every offered function by the similarity between the message
/// and the function's description and examples (local embedding model) plus cue words and the kinds of ids and amounts
/// the message carries, then reads the chosen function's arguments — or asks when an argument is missing or two
/// functions are too close to call.
/// </summary>
public sealed partial class OfflinePlanner(ITextEmbedder embedder, TimeProvider? time = null)
{
    /// <summary>Below this score nothing matches well enough to act on.</summary>
    public const double MinimumScore = 0.40;

    /// <summary>When the runner-up is this close to the best, the planner asks which was meant.</summary>
    public const double AmbiguityMargin = 0.04;

    private const double CueWeight = 0.25;
    private const double TrailingCueWeight = 0.12;
    private const double IdMatchWeight = 0.12;
    private const double IdMismatchWeight = 0.10;
    private const double MoneyWeight = 0.05;
    private const double CompletenessWeight = 0.10;
    private const double OpenQuestionWeight = 0.25;
    private static readonly string[] QuestionWords = ["what ", "how ", "which ", "why ", "when ", "where ", "does ", "do ", "is ", "are ", "can ", "should "];

    /// <summary>Chooses a function among <paramref name="functions"/> for <paramref name="message"/> and reads its arguments.</summary>
    public async Task<PlannerDecision> PlanAsync(string message, IReadOnlyList<KernelFunction> functions, CancellationToken cancellationToken = default)
    {
        if (functions.Count == 0)
            return new PlannerDecision { Ranking = [], Question = "I have no functions available in this conversation, so I can only answer in words." };

        var slots = MessageSlots.Read(message, DateOnly.FromDateTime((time ?? TimeProvider.System).GetUtcNow().UtcDateTime));
        // Only the user's own words choose the function: a quoted "refund $90 to o_12" is something to answer about.
        var own = WhitespacePattern().Replace(slots.Own, " ").Trim();
        if (own.Length == 0) return new PlannerDecision { Ranking = [], Question = PlannerReplies.OnlyQuotedText };

        var index = await FunctionIndex.ForAsync(functions, embedder, cancellationToken);
        var vector = (await embedder.EmbedAsync([own], cancellationToken))[0];
        var lower = slots.Own.ToLowerInvariant();
        var leadingCue = index.Functions.Select(f => FirstCue(f, lower)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        var ranking = index.Functions
            .Select(f => Score(f, vector, slots, lower, leadingCue))
            .OrderByDescending(s => s.Score)
            .ToArray();
        return Decide(ranking, slots);
    }

    /// <summary>
    /// The score of one function for a message: best cosine similarity over its texts, plus evidence. A cue counts in
    /// full when it is the message's leading cue (<paramref name="leadingCue"/>, its position): in "recommend that we pause
    /// as_2" the request is to recommend, and pausing is what is recommended.
    /// </summary>
    public static ScoredFunction Score(IndexedFunction function, float[] messageVector, MessageSlots slots, string lowerMessage, int leadingCue)
    {
        var similarity = function.Vectors.Max(v => Cosine(v, messageVector));
        var score = similarity;
        var cue = FirstCue(function, lowerMessage);
        if (cue >= 0) score += cue == leadingCue ? CueWeight : TrailingCueWeight;

        foreach (var prefix in slots.Ids.Select(i => i.Prefix).Distinct(StringComparer.Ordinal))
        {
            if (function.IdPrefixes.Contains(prefix)) score += IdMatchWeight;
            else if (function.IdPrefixes.Count > 0) score -= IdMismatchWeight;
        }
        // A web address names a page the way o_12 names an order: evidence for the functions that read one.
        if (HasWebAddress(lowerMessage) && function.Function.Metadata.Parameters.Any(p => p.Name == "url")) score += IdMatchWeight;

        var takesMoney = function.Function.Metadata.Parameters.Any(p => p.IsRequired && IsDecimal(p.ParameterType));
        if (slots.Numbers.Any(n => n.Mark == NumberMark.Money)) score += takesMoney ? MoneyWeight : -MoneyWeight;
        var takesCount = function.Function.Metadata.Parameters.Any(p => p.IsRequired && IsWholeNumber(p.ParameterType));
        if (slots.Numbers.Any(n => n.Mark == NumberMark.Quantity)) score += takesCount ? MoneyWeight : -MoneyWeight;
        // "What does our refund policy say?" names no order and no amount: it asks how things work, not for a refund.
        var needsRecord = function.Function.Metadata.Parameters.Any(p => p.IsRequired && ArgumentExtractor.IdPrefixOf(p) is not null);
        if (IsOpenQuestion(lowerMessage, slots) && (needsRecord || takesMoney)) score -= OpenQuestionWeight;
        return new ScoredFunction(function.Function, score, similarity);
    }

    /// <summary>A question that names no record and no number: answered from knowledge, never by acting on a record.</summary>
    public static bool IsOpenQuestion(string lowerMessage, MessageSlots slots)
    {
        var text = lowerMessage.TrimStart();
        var asks = text.TrimEnd().EndsWith('?') || QuestionWords.Any(w => text.StartsWith(w, StringComparison.Ordinal));
        return asks && slots.Ids.Count == 0 && slots.Numbers.Count == 0;
    }

    /// <summary>Whether the message holds an http(s) address.</summary>
    public static bool HasWebAddress(string lowerMessage) =>
        lowerMessage.Contains("http://", StringComparison.Ordinal) || lowerMessage.Contains("https://", StringComparison.Ordinal);

    /// <summary>Where the first of a function's cues stands in the message, or -1 when none occurs.</summary>
    public static int FirstCue(IndexedFunction function, string lowerMessage)
    {
        var first = -1;
        foreach (var cue in function.Cues)
        {
            var at = lowerMessage.IndexOf(cue, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        return first;
    }

    private static PlannerDecision Decide(IReadOnlyList<ScoredFunction> scored, MessageSlots slots)
    {
        // A function whose required arguments the message supplies is likelier than one that would have to ask: "a report
        // about supplier payments" names no supplier and no amount, so it is not a request to pay one.
        var extracted = new Dictionary<KernelFunction, ExtractedArguments>();
        var ranking = scored
            .Select(s =>
            {
                if (s.Score < scored[0].Score - CompletenessWeight) return s;
                var arguments = extracted[s.Function] = ArgumentExtractor.Extract(s.Function.Metadata, slots);
                return arguments.Missing.Count == 0 ? s with { Score = s.Score + CompletenessWeight } : s;
            })
            .OrderByDescending(s => s.Score)
            .ToArray();

        var best = ranking[0];
        if (best.Score < MinimumScore)
            return new PlannerDecision { Ranking = ranking, Question = PlannerReplies.NothingMatches(ranking) };
        if (ranking.Length > 1 && best.Score - ranking[1].Score < AmbiguityMargin)
            return new PlannerDecision { Ranking = ranking, Question = PlannerReplies.WhichOne(best.Function, ranking[1].Function) };

        var chosen = extracted[best.Function];
        if (chosen.Missing.Count > 0)
            return new PlannerDecision { Ranking = ranking, Question = PlannerReplies.AskFor(best.Function, chosen.Missing) };
        return new PlannerDecision { Ranking = ranking, Function = best.Function, Arguments = chosen.Values };
    }

    // The embedder's vectors are L2-normalised, but dividing by the norms keeps the score right for any embedder.
    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }

    private static bool IsWholeNumber(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long);
    }

    private static bool IsDecimal(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(decimal) || type == typeof(double) || type == typeof(float);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex WhitespacePattern();
}
