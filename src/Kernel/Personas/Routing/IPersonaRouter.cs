using LiveShop.Kernel.Personas.Catalog;

namespace LiveShop.Kernel.Personas.Routing;

/// <summary>Chooses the persona that answers a chat message (explicit <c>@name</c>, a requested persona, or by intent).</summary>
public interface IPersonaRouter
{
    /// <summary>
    /// Routes <paramref name="message"/>; <paramref name="requestedPersona"/> (the chat API's <c>persona</c> field) wins over
    /// everything. Throws <see cref="UnknownPersonaException"/> when a named persona does not exist.
    /// </summary>
    ValueTask<PersonaRoute> RouteAsync(string message, string? requestedPersona = null, CancellationToken cancellationToken = default);
}

/// <summary>How a persona was chosen.</summary>
public enum RouteKind
{
    /// <summary>Named by the caller: the <c>persona</c> parameter or an <c>@name</c> prefix.</summary>
    Explicit,
    /// <summary>Picked because its intents and examples matched the message best.</summary>
    Intent,
    /// <summary>Nothing matched well enough; the generalist (CEO) takes it.</summary>
    Fallback,
}

/// <summary>The router's answer: who answers, the message it should see, and how sure the router was.</summary>
public sealed record PersonaRoute
{
    public required Persona Persona { get; init; }
    /// <summary>The message with any leading <c>@name</c> removed.</summary>
    public required string Message { get; init; }
    public required RouteKind Kind { get; init; }
    /// <summary>Match score of the chosen persona, 0 to 1 (1 for an explicit choice).</summary>
    public required double Confidence { get; init; }
    /// <summary>The second-best persona by score, when routing by intent; shows how close the call was.</summary>
    public Persona? RunnerUp { get; init; }
    public double RunnerUpConfidence { get; init; }

    /// <summary>True when the generalist took the message because no persona matched well enough.</summary>
    public bool IsFallback => Kind == RouteKind.Fallback;
}
