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
public sealed class OfflinePlanner(ITextEmbedder embedder)
{
    /// <summary>Below this score nothing matches well enough to act on.</summary>
    public const double MinimumScore = 0.40;

    /// <summary>When the runner-up is this close to the best, the planner asks which was meant.</summary>
    public const double AmbiguityMargin = 0.04;

    private const double CueWeight = 0.25;
    private const double IdMatchWeight = 0.12;
    private const double IdMismatchWeight = 0.10;
    private const double MoneyWeight = 0.05;

    /// <summary>Chooses a function among <paramref name="functions"/> for <paramref name="message"/> and reads its arguments.</summary>
    public async Task<PlannerDecision> PlanAsync(string message, IReadOnlyList<KernelFunction> functions, CancellationToken cancellationToken = default)
    {
        if (functions.Count == 0)
            return new PlannerDecision { Ranking = [], Question = "I have no functions available in this conversation, so I can only answer in words." };

        var index = await FunctionIndex.ForAsync(functions, embedder, cancellationToken);
        var vector = (await embedder.EmbedAsync([message], cancellationToken))[0];
        var slots = MessageSlots.Read(message);
        var lower = message.ToLowerInvariant();
        var ranking = index.Functions
            .Select(f => Score(f, vector, slots, lower))
            .OrderByDescending(s => s.Score)
            .ToArray();
        return Decide(ranking, slots);
    }

    /// <summary>The score of one function for a message: best cosine similarity over its texts, plus evidence.</summary>
    public static ScoredFunction Score(IndexedFunction function, float[] messageVector, MessageSlots slots, string lowerMessage)
    {
        var similarity = function.Vectors.Max(v => Cosine(v, messageVector));
        var score = similarity;
        if (function.Cues.Any(c => lowerMessage.Contains(c, StringComparison.Ordinal))) score += CueWeight;

        foreach (var prefix in slots.Ids.Select(i => i.Prefix).Distinct(StringComparer.Ordinal))
        {
            if (function.IdPrefixes.Contains(prefix)) score += IdMatchWeight;
            else if (function.IdPrefixes.Count > 0) score -= IdMismatchWeight;
        }

        var takesMoney = function.Function.Metadata.Parameters.Any(p => p.IsRequired && IsDecimal(p.ParameterType));
        if (slots.Numbers.Any(n => n.Mark == NumberMark.Money)) score += takesMoney ? MoneyWeight : -MoneyWeight;
        return new ScoredFunction(function.Function, score, similarity);
    }

    private static PlannerDecision Decide(IReadOnlyList<ScoredFunction> ranking, MessageSlots slots)
    {
        var best = ranking[0];
        if (best.Score < MinimumScore)
            return new PlannerDecision { Ranking = ranking, Question = PlannerReplies.NothingMatches(ranking) };
        if (ranking.Count > 1 && best.Score - ranking[1].Score < AmbiguityMargin)
            return new PlannerDecision { Ranking = ranking, Question = PlannerReplies.WhichOne(best.Function, ranking[1].Function) };

        var extracted = ArgumentExtractor.Extract(best.Function.Metadata, slots);
        if (extracted.Missing.Count > 0)
            return new PlannerDecision { Ranking = ranking, Question = PlannerReplies.AskFor(best.Function, extracted.Missing) };
        return new PlannerDecision { Ranking = ranking, Function = best.Function, Arguments = extracted.Values };
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

    private static bool IsDecimal(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(decimal) || type == typeof(double) || type == typeof(float);
    }
}
