using LiveShop.Kernel.Verification;

namespace LiveShop.Chat.Api;

/// <summary>
/// Identity comes from authentication only (CONTRACTS.md §5): a body's <c>user</c>, <c>requested_by</c> or
/// <c>on_behalf_of</c> may repeat the signed-in caller (any case) or be absent, and anything else is refused with 400
/// naming the field. Agent requesters (<c>agent:NAME</c> acting for the caller) are set by the platform on chat turns,
/// never taken from a body that could otherwise file an action as another person, an automation or a goal.
/// </summary>
public static class RequesterIdentity
{
    /// <summary>The prefix of a persona requester, e.g. <c>agent:cfo</c>.</summary>
    public const string PersonaPrefix = "agent:";

    /// <summary>A field naming someone other than <paramref name="caller"/>, or null when it is absent or the caller.</summary>
    public static Problems.FieldError? Disagreement(string field, string? claimed, string caller) =>
        claimed is null || string.Equals(claimed.Trim(), caller, StringComparison.OrdinalIgnoreCase)
            ? null
            : new Problems.FieldError(field, $"'{claimed}' is not the authenticated caller; identity comes from authentication only");

    /// <summary>Every requester field of <paramref name="packet"/> that names someone other than <paramref name="caller"/>.</summary>
    /// <param name="packet">The packet as the body wrote it.</param>
    /// <param name="caller">The authenticated principal's email.</param>
    /// <param name="personaMayPropose">
    /// Whether <c>requested_by</c> may name a persona acting for the caller: only where nothing is recorded or executed
    /// (<c>POST /api/verify</c>, whose verdict does not depend on who asks).
    /// </param>
    public static List<Problems.FieldError> Disagreements(ActionPacket packet, string caller, bool personaMayPropose)
    {
        var errors = new List<Problems.FieldError>();
        var persona = personaMayPropose && packet.RequestedBy is { } requester
            && requester.StartsWith(PersonaPrefix, StringComparison.Ordinal) && requester.Length > PersonaPrefix.Length;
        if (!persona && Disagreement("requested_by", packet.RequestedBy, caller) is { } requestedBy) errors.Add(requestedBy);
        if (Disagreement("on_behalf_of", packet.OnBehalfOf, caller) is { } onBehalfOf) errors.Add(onBehalfOf);
        return errors;
    }

    /// <summary>The packet as the platform records it: the caller requests it, or a persona the caller named requests it for them.</summary>
    public static ActionPacket Stamp(ActionPacket packet, string caller) =>
        packet.RequestedBy is { } requester && requester.StartsWith(PersonaPrefix, StringComparison.Ordinal)
            ? packet with { OnBehalfOf = caller }
            : packet with { RequestedBy = caller, OnBehalfOf = null };

    /// <summary>The 400 answer for requester fields that disagree with the caller.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refusal(IReadOnlyList<Problems.FieldError> errors, string nothingDone) =>
        Problems.BadRequest($"The body names someone other than the authenticated caller; {nothingDone}",
            $"{errors[0].Field}: {errors[0].Message}", errors);
}
