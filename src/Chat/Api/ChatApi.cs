using System.Text.Json;
using LiveShop.Kernel.Orchestration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary>
/// <c>POST /api/chat</c> (CONTRACTS.md §2) and <c>GET /api/goals/{id}</c>. Until sign-in lands the caller names itself in
/// the <c>X-LiveShop-User</c> header, which must be an enabled user and equal the body's <c>user</c>.
/// </summary>
public static class ChatApi
{
    /// <summary>The header that carries the caller's email until sign-in and API keys replace it.</summary>
    public const string UserHeader = "X-LiveShop-User";

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/chat", ChatAsync)
            .WithName("Chat")
            .WithSummary("One chat turn: the persona named or routed answers; proposed actions pass the proof filter.")
            .Accepts<JsonElement>("application/json")
            .DisableAntiforgery();
        endpoints.MapGet("/api/goals/{id:guid}", GoalAsync)
            .WithName("GetGoal")
            .WithSummary("A goal with its Standard Task Objects and their status.");
        return endpoints;
    }

    private static async Task<Results<Ok<ChatTurnResult>, ProblemHttpResult>> ChatAsync(HttpRequest request, ChatTurnService turns, CancellationToken cancellationToken)
    {
        if (await CallerAsync(request, turns, cancellationToken) is { Problem: { } unauthenticated }) return unauthenticated;
        var caller = request.Headers[UserHeader].ToString().Trim();

        var (body, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        if (!string.Equals(body!.User, caller, StringComparison.OrdinalIgnoreCase))
            return Problem(StatusCodes.Status403Forbidden, "user is not the authenticated caller", $"user '{body.User}' differs from the {UserHeader} header");
        try
        {
            return TypedResults.Ok(await turns.RunAsync(body, cancellationToken));
        }
        catch (ChatTurnException e)
        {
            return e.Error switch
            {
                ChatTurnError.UnknownUser => Problem(StatusCodes.Status401Unauthorized, "unknown user", e.Message),
                ChatTurnError.UnknownConversation => Problem(StatusCodes.Status404NotFound, "unknown conversation", e.Message),
                _ => Problems.BadRequest("Invalid chat request.", e.Message, [new Problems.FieldError(e.Error == ChatTurnError.UnknownPersona ? "persona" : "message", e.Message)]),
            };
        }
    }

    private static async Task<Results<Ok<GoalView>, ProblemHttpResult>> GoalAsync(Guid id, HttpRequest request, ChatTurnService turns, GoalIntake goals, CancellationToken cancellationToken)
    {
        if (await CallerAsync(request, turns, cancellationToken) is { Problem: { } unauthenticated }) return unauthenticated;
        return await goals.FindAsync(id, cancellationToken) is { } goal
            ? TypedResults.Ok(goal)
            : Problem(StatusCodes.Status404NotFound, "unknown goal", $"no goal {id}");
    }

    private sealed record CallerCheck(ProblemHttpResult? Problem);

    private static async Task<CallerCheck> CallerAsync(HttpRequest request, ChatTurnService turns, CancellationToken cancellationToken)
    {
        var header = request.Headers[UserHeader].ToString().Trim();
        if (header.Length == 0)
            return new CallerCheck(Problem(StatusCodes.Status401Unauthorized, "not authenticated", $"send the {UserHeader} header naming an enabled user"));
        if (!await turns.IsEnabledUserAsync(header, cancellationToken))
            return new CallerCheck(Problem(StatusCodes.Status401Unauthorized, "not authenticated", $"'{header}' is not an enabled user"));
        return new CallerCheck(null);
    }

    private static async Task<(ChatTurnRequest? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest("The body is not valid JSON.", $"body: {e.Message}", []));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, Problems.BadRequest("Invalid chat request.", "the body must be a JSON object", [new("$", "expected an object")]));
            var errors = new List<Problems.FieldError>();
            var message = Text(root, "message", required: true, errors);
            var user = Text(root, "user", required: true, errors);
            var persona = Text(root, "persona", required: false, errors);
            var conversation = Text(root, "conversation_id", required: false, errors);
            Guid? conversationId = null;
            if (conversation is not null)
            {
                if (Guid.TryParse(conversation, out var parsed)) conversationId = parsed;
                else errors.Add(new("conversation_id", "must be a conversation id (uuid)"));
            }
            if (message is { Length: > ChatTurnService.MaxMessageLength })
                errors.Add(new("message", $"longer than {ChatTurnService.MaxMessageLength} characters"));
            if (errors.Count > 0)
                return (null, Problems.BadRequest("Invalid chat request.", $"{errors[0].Field}: {errors[0].Message}", errors));
            return (new ChatTurnRequest { ConversationId = conversationId, Message = message!, User = user!, Persona = persona }, null);
        }
    }

    private static string? Text(JsonElement root, string name, bool required, List<Problems.FieldError> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(new(name, "is required"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || (required && string.IsNullOrWhiteSpace(value.GetString())))
        {
            errors.Add(new(name, required ? "must be a non-empty string" : "must be a string"));
            return null;
        }
        return value.GetString();
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
