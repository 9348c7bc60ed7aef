using System.Security.Claims;
using LiveShop.Chat.Alerts;
using LiveShop.Chat.SignIn;
using LiveShop.Kernel.Automation.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary>
/// <c>/api/alerts</c>: the alerts, newest first, and acknowledging or resolving one. Everyone signed in reads and acts on
/// them (as on the console's Alerts page); the change is recorded under the authenticated caller, never a body field.
/// Cookie-signed POSTs pass the cross-site guard like every console API.
/// </summary>
public static class AlertsApi
{
    public sealed record AlertList(IReadOnlyList<AlertView> Alerts, int Open);

    public sealed record AlertMoved(Guid AlertId, string Status, string By);

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/alerts").RequireAuthorization();
        group.MapGet("", ListAsync).WithName("ListAlerts").WithSummary("Alerts newest first (status=open|acknowledged|resolved, limit) and the open count.");
        group.MapPost("/{id}/acknowledge", (string id, ClaimsPrincipal user, AlertStore store, CancellationToken ct) =>
                MoveAsync(id, user, "acknowledged", (a, by) => store.AcknowledgeAsync(a, by, ct)))
            .WithName("AcknowledgeAlert").WithSummary("Acknowledge an open alert as the signed-in user.").DisableAntiforgery();
        group.MapPost("/{id}/resolve", (string id, ClaimsPrincipal user, AlertStore store, CancellationToken ct) =>
                MoveAsync(id, user, "resolved", (a, by) => store.ResolveAsync(a, by, ct)))
            .WithName("ResolveAlert").WithSummary("Resolve an unresolved alert as the signed-in user.").DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<Ok<AlertList>, ProblemHttpResult>> ListAsync(AlertStore store, string? status, int? limit, CancellationToken cancellationToken)
    {
        AlertStatus? only = null;
        if (status is not null)
        {
            if (!AlertWording.TryParseStatus(status, out var parsed))
            {
                var why = $"must be one of {string.Join(", ", AlertWording.StatusCodes)}";
                return Problems.BadRequest("Invalid alert filter.", $"status: {why}", [new Problems.FieldError("status", why)]);
            }
            only = parsed;
        }
        if (limit is < 1 or > 1000)
            return Problems.BadRequest("Invalid alert filter.", "limit: must be between 1 and 1000", [new Problems.FieldError("limit", "must be between 1 and 1000")]);
        var alerts = await store.ListAsync(only, limit ?? 200, cancellationToken);
        return TypedResults.Ok(new AlertList(alerts.Select(AlertView.From).ToList(), await store.CountOpenAsync(cancellationToken)));
    }

    private static async Task<Results<Ok<AlertMoved>, ProblemHttpResult>> MoveAsync(
        string id, ClaimsPrincipal user, string done, Func<Guid, string, Task<bool>> move)
    {
        if (!Guid.TryParse(id, out var alertId))
            return Problems.BadRequest("Invalid alert id.", "id: must be an alert id (a uuid)", [new Problems.FieldError("id", "must be an alert id (a uuid)")]);
        if (SignedInUser.EmailOf(user) is not { Length: > 0 } email)
            return TypedResults.Problem(title: "No signed-in user.", statusCode: StatusCodes.Status403Forbidden);
        if (!await move(alertId, email))
            return TypedResults.Problem(title: $"The alert cannot be {done}.", detail: $"no alert {alertId} that can be {done} (unknown, or already {done})",
                statusCode: StatusCodes.Status409Conflict);
        return TypedResults.Ok(new AlertMoved(alertId, done, email));
    }
}
