namespace LiveShop.Chat.Api;

/// <summary>problem+json answers for bad input, naming every offending field.</summary>
public static class Problems
{
    /// <summary>One offending field: its JSON path and what is wrong with it.</summary>
    public sealed record FieldError(string Field, string Message);

    /// <summary>A 400 problem whose <c>errors</c> extension lists every offending field.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string title, string detail, IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(
            title: title,
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.1",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToList() });
}
