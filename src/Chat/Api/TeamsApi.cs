using System.Text.Json.Nodes;
using LiveShop.Chat.Messaging;
using LiveShop.Chat.Messaging.Teams;
using Microsoft.Extensions.Options;

namespace LiveShop.Chat.Api;

/// <summary>
/// The Bot Framework messaging endpoint. The bearer token is validated (issuer, audience, signing keys from the
/// OpenID metadata, lifetime) before the activity is read, the activity's fields are checked (400 naming the field),
/// and its service URL must be the token's or an allowed one (<see cref="TeamsServiceUrls"/>); without an app id and
/// password the endpoint does not exist (404).
/// </summary>
public static class TeamsApi
{
    /// <summary>Maps <c>/api/teams/messages</c>.</summary>
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder endpoints)
    {
        // The Bot Connector signs its requests with a JWT the handler validates, instead of a sign-in.
        endpoints.MapPost("/api/teams/messages", MessagesAsync).DisableAntiforgery().AllowAnonymous()
            .WithName("TeamsMessages").WithSummary("Bot Framework activities: messages, card actions (adaptiveCard/action).");
        return endpoints;
    }

    private static async Task<IResult> MessagesAsync(HttpRequest request, IOptions<TeamsOptions> options, IServiceProvider services,
        MessagingWorkQueue queue, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return Results.NotFound();
        var token = await services.GetRequiredService<TeamsTokenValidator>().ValidateAsync(request.Headers.Authorization, cancellationToken);
        if (token is null) return Results.Unauthorized();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (TeamsActivityShape.Check(body, out var malformed) is null) return InboundBodyShape.Malformed("Teams", malformed);
        var activity = JsonNode.Parse(body)!.AsObject();
        if (!services.GetRequiredService<TeamsServiceUrls>().AcceptInbound(token, activity["serviceUrl"]!.GetValue<string>())) return Results.Unauthorized();

        switch (activity["type"]?.GetValue<string>())
        {
            case "invoke" when activity["name"]?.GetValue<string>() == "adaptiveCard/action":
                var answer = await services.GetRequiredService<TeamsActivities>().HandleCardActionAsync(activity, cancellationToken);
                return Results.Json(answer, statusCode: 200);
            case "message":
                await queue.EnqueueAsync("teams message", (provider, ct) => provider.GetRequiredService<TeamsActivities>().HandleMessageAsync(activity, ct), cancellationToken);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }
}
