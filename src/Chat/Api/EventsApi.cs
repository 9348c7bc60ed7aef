using System.Text.Json;
using LiveShop.Chat.Access;
using LiveShop.Kernel.Policies;
using LiveShop.Memory.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary>
/// <c>POST /api/events</c>: business events in, idempotent by event id (CONTRACTS.md §3, §10). Only roles the policy lets
/// ingest events get here; platform event types, derived event ids and text that is not valid Unicode are refused with 400.
/// </summary>
public static class EventsApi
{
    /// <summary>What an accepted request did: new rows, repeats of known event ids, the store's last sequence.</summary>
    public sealed record EventsIngested(int Appended, int Duplicates, long LastSequence);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/events", IngestAsync)
            .WithName("IngestEvents")
            .WithSummary("Append one business event or an array of them; a repeated event_id is stored once.")
            .Accepts<JsonElement>("application/json")
            .DisableAntiforgery()
            .RequireAuthorization()
            // Who may ingest is the policy's ingest_events console operation (founder and integration by default).
            .RequireConsoleOperation(ConsoleOperations.IngestEvents);
        return endpoints;
    }

    private static async Task<Results<Ok<EventsIngested>, ProblemHttpResult>> IngestAsync(HttpRequest request, EventStore store, CancellationToken cancellationToken)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest("The body is not valid JSON.", $"body: {e.Message}", []);
        }
        using (body)
        {
            var parsed = EventValidator.Parse(body.RootElement);
            if (parsed.Errors.Count > 0)
            {
                var first = parsed.Errors[0];
                return Problems.BadRequest("Invalid event; nothing was stored.", $"{first.Path}: {first.Message}",
                    parsed.Errors.Select(e => new Problems.FieldError(e.Path, e.Message)).ToList());
            }
            var result = await store.AppendAsync(parsed.Events, cancellationToken);
            return TypedResults.Ok(new EventsIngested(result.Appended, result.Duplicates, result.LastSequence));
        }
    }
}
