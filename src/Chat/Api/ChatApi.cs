using System.Security.Claims;
using System.Text.Json;
using LiveShop.Chat.Hosting.Requests;
using LiveShop.Chat.SignIn;
using LiveShop.Kernel.Orchestration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary>
/// <c>POST /api/chat</c> (CONTRACTS.md §2) and <c>GET /api/goals/{id}</c>. The signed-in caller (browser cookie or API
/// key) must be an enabled user; the body's <c>user</c> is optional and, when given, must be the caller.
/// </summary>
public static class ChatApi
{
    /// <summary>Largest chat request accepted (also when sent chunked): a message is at most 16,000 characters.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/chat", ChatAsync)
            .WithName("Chat")
            .WithSummary("One chat turn: the persona named or routed answers; proposed actions pass the proof filter.")
            .Accepts<JsonElement>("application/json")
            .WithBodyLimit(MaxBodyBytes)
            .DisableAntiforgery();
        endpoints.MapGet("/api/goals/{id:guid}", GoalAsync)
            .WithName("GetGoal")
            .WithSummary("A goal with its Standard Task Objects and their status.");
        return endpoints;
    }

    private static async Task<Results<Ok<ChatTurnResult>, ProblemHttpResult>> ChatAsync(
        HttpRequest request, ClaimsPrincipal signedIn, ChatTurnService turns, CancellationToken cancellationToken)
    {
        if (await CallerAsync(signedIn, turns, cancellationToken) is { Problem: { } unauthenticated }) return unauthenticated;
        var caller = SignedInUser.EmailOf(signedIn)!;

        var (body, problem) = await ReadAsync(request, caller, cancellationToken);
        if (problem is not null) return problem;
        try
        {
            return TypedResults.Ok(await turns.RunAsync(body!, cancellationToken));
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

    private static async Task<Results<Ok<GoalView>, ProblemHttpResult>> GoalAsync(Guid id, ClaimsPrincipal signedIn, ChatTurnService turns, GoalIntake goals, CancellationToken cancellationToken)
    {
        if (await CallerAsync(signedIn, turns, cancellationToken) is { Problem: { } unauthenticated }) return unauthenticated;
        return await goals.FindAsync(id, cancellationToken) is { } goal
            ? TypedResults.Ok(goal)
            : Problem(StatusCodes.Status404NotFound, "unknown goal", $"no goal {id}");
    }

    private sealed record CallerCheck(ProblemHttpResult? Problem);

    private static async Task<CallerCheck> CallerAsync(ClaimsPrincipal signedIn, ChatTurnService turns, CancellationToken cancellationToken)
    {
        var email = SignedInUser.EmailOf(signedIn);
        if (email is null)
            return new CallerCheck(Problem(StatusCodes.Status401Unauthorized, "not authenticated", "sign in or send an API key"));
        if (!await turns.IsEnabledUserAsync(email, cancellationToken))
            return new CallerCheck(Problem(StatusCodes.Status401Unauthorized, "not authenticated", $"'{email}' is not an enabled user"));
        return new CallerCheck(null);
    }

    private static async Task<(ChatTurnRequest? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, string caller, CancellationToken cancellationToken)
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
            // The turn is the caller's: the body may repeat who that is, never name someone else (the persona acting for
            // the caller is set by the platform).
            var spoofed = new[] { "user", "requested_by", "on_behalf_of" }
                .Select(field => RequesterIdentity.Disagreement(field, Text(root, field, required: false, errors), caller))
                .OfType<Problems.FieldError>().ToList();
            if (spoofed.Count > 0)
                return (null, RequesterIdentity.Refusal(spoofed, "nothing was said."));
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
            return (new ChatTurnRequest { ConversationId = conversationId, Message = message!, User = caller, Persona = persona }, null);
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
