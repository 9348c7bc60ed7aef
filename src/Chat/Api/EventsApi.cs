namespace LiveShop.Chat.Api;

/// <summary><c>POST /api/events</c>: business events in, idempotent by event id (CONTRACTS.md §3).</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
