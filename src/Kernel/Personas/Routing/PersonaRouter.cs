using System.Text.RegularExpressions;
using LiveShop.Kernel.Personas.Catalog;

namespace LiveShop.Kernel.Personas.Routing;

/// <summary>
/// Deterministic router: an explicit persona wins; otherwise each persona is scored by IDF-weighted token overlap
/// with its intents and examples plus a bonus for whole intent phrases found in the message; a weak best score
/// falls back to the CEO as generalist.
/// </summary>
public sealed partial class PersonaRouter : IPersonaRouter
{
    /// <summary>Below this score no persona is trusted and the generalist answers.</summary>
    public const double DefaultFallbackThreshold = 0.2;

    // Examples are written as requests, so their words are looser evidence than the curated intents.
    private const double ExampleWeight = 0.6;
    private const double OverlapShare = 0.5;

    private readonly PersonaCatalog _catalog;
    private readonly double _fallbackThreshold;
    private readonly Persona _generalist;
    private readonly IReadOnlyList<PersonaProfile> _profiles;
    private readonly IReadOnlyDictionary<string, double> _idf;
    private readonly double _unknownIdf;

    /// <summary>Builds the scoring tables once for <paramref name="catalog"/>, which must hold the generalist (<c>ceo</c>).</summary>
    public PersonaRouter(PersonaCatalog catalog, double fallbackThreshold = DefaultFallbackThreshold)
    {
        _catalog = catalog;
        _fallbackThreshold = fallbackThreshold;
        _generalist = catalog.Find(PersonaCatalog.GeneralistName)
            ?? throw new PersonaCatalogException($"the persona catalog has no '{PersonaCatalog.GeneralistName}' persona to fall back to");
        _profiles = [.. catalog.All.Select(PersonaProfile.Build)];

        var documentFrequency = _profiles.SelectMany(p => p.Weights.Keys).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var count = _profiles.Count;
        _idf = documentFrequency.ToDictionary(pair => pair.Key, pair => Math.Log(1.0 + (double)count / pair.Value));
        _unknownIdf = Math.Log(1.0 + count);
    }

    /// <inheritdoc />
    public ValueTask<PersonaRoute> RouteAsync(string message, string? requestedPersona = null, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Route(message, requestedPersona));

    /// <summary>Routes synchronously; see <see cref="IPersonaRouter.RouteAsync"/>.</summary>
    public PersonaRoute Route(string message, string? requestedPersona = null)
    {
        var mention = MentionPrefix().Match(message);
        var text = mention.Success ? message[mention.Length..].Trim() : message.Trim();

        if (!string.IsNullOrWhiteSpace(requestedPersona))
            return Explicit(requestedPersona, text);
        if (mention.Success)
            return Explicit(mention.Groups["name"].Value.Replace('-', '_'), text);

        var ranked = _profiles
            .Select(profile => (profile.Persona, Score: Score(profile, text)))
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Persona.Name, StringComparer.Ordinal)
            .ToList();
        var (best, bestScore) = ranked[0];
        var (runnerUp, runnerUpScore) = ranked.Count > 1 ? ranked[1] : (null, 0.0);

        return new PersonaRoute
        {
            Persona = bestScore < _fallbackThreshold ? _generalist : best,
            Message = text,
            Kind = bestScore < _fallbackThreshold ? RouteKind.Fallback : RouteKind.Intent,
            Confidence = Math.Round(bestScore, 4),
            RunnerUp = runnerUp,
            RunnerUpConfidence = Math.Round(runnerUpScore, 4),
        };
    }

    /// <summary>The 0–1 match score of one persona for a message (exposed for diagnostics and tests).</summary>
    public double Score(string personaName, string message) =>
        Score(_profiles.First(p => p.Persona.Name == _catalog.Get(personaName).Name), message);

    private PersonaRoute Explicit(string name, string text) => new()
    {
        Persona = _catalog.Get(name),
        Message = text,
        Kind = RouteKind.Explicit,
        Confidence = 1.0,
    };

    private double Score(PersonaProfile profile, string message)
    {
        var tokens = IntentText.Tokens(message);
        var content = tokens.Where(IntentText.IsContent).Distinct().ToList();
        if (content.Count == 0)
            return 0;

        double matched = 0, total = 0;
        foreach (var token in content)
        {
            var idf = _idf.GetValueOrDefault(token, _unknownIdf);
            total += idf;
            if (profile.Weights.TryGetValue(token, out var weight))
                matched += idf * weight;
        }
        var overlap = matched / total;

        // A whole intent phrase in the message is strong evidence; longer and rarer phrases count more.
        double phraseEvidence = 0;
        foreach (var phrase in profile.IntentPhrases)
        {
            if (ContainsSequence(tokens, phrase))
                phraseEvidence += phrase.Where(IntentText.IsContent).Sum(t => _idf.GetValueOrDefault(t, _unknownIdf)) / _unknownIdf + 0.25 * (phrase.Length - 1);
        }
        var phraseScore = 1.0 - Math.Exp(-phraseEvidence);
        return OverlapShare * overlap + (1 - OverlapShare) * phraseScore;
    }

    private static bool ContainsSequence(string[] tokens, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= tokens.Length; start++)
        {
            var all = true;
            for (var i = 0; i < phrase.Length && all; i++)
                all = tokens[start + i] == phrase[i];
            if (all)
                return true;
        }
        return false;
    }

    [GeneratedRegex(@"^\s*@(?<name>[A-Za-z0-9_\-]+)\b[\s,:]*", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPrefix();

    private sealed record PersonaProfile(Persona Persona, IReadOnlyDictionary<string, double> Weights, IReadOnlyList<string[]> IntentPhrases)
    {
        public static PersonaProfile Build(Persona persona)
        {
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var token in persona.Examples.SelectMany(IntentText.ContentTokens))
                weights[token] = ExampleWeight;
            foreach (var token in persona.Intents.SelectMany(IntentText.ContentTokens))
                weights[token] = 1.0;
            var phrases = persona.Intents.Select(IntentText.Tokens).Where(p => p.Length > 0).ToList();
            return new PersonaProfile(persona, weights, phrases);
        }
    }
}
