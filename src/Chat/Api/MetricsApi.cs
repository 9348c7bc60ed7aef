using LiveShop.Kernel.Success;
using LiveShop.Memory.Metrics.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary>
/// <c>GET /api/metrics</c>: a metric's series from the metrics store; <c>GET /api/metrics/success</c>: the success metrics.
/// Everyone signed in may read them, as everyone sees the dashboard. Bad input is a problem+json 400 naming the field; an
/// unknown metric lists the known ones.
/// </summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/metrics").RequireAuthorization();
        group.MapGet("", QueryAsync).WithName("QueryMetric")
            .WithSummary("A metric's points (metric, grain=business|channel|product|ad_set, id, from, to, resolution=day|hour).");
        group.MapGet("/success", SuccessAsync).WithName("SuccessMetrics")
            .WithSummary("Autonomy, proof pass and rollback rates, profit per decision, time to market and cost per order over the trailing days.");
        return endpoints;
    }

    private static async Task<Results<Ok<MetricAnswer>, ProblemHttpResult>> QueryAsync(MetricsStore store, string? metric, string? grain, string? id,
        string? from, string? to, string? resolution, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await store.AnswerAsync(new MetricQuery(metric, grain, id, from, to, resolution), cancellationToken));
        }
        catch (MetricQueryException e)
        {
            return Problems.BadRequest("The metrics question cannot be answered as asked.", $"{e.Field}: {e.Message}",
                [new Problems.FieldError(e.Field, e.Message)]);
        }
    }

    private static async Task<Results<Ok<SuccessReport>, ProblemHttpResult>> SuccessAsync(SuccessMetricsQuery query, int? days, CancellationToken cancellationToken)
    {
        var window = days ?? 30;
        if (window is < 1 or > 3650)
            return Problems.BadRequest("Invalid window.", "days: must be between 1 and 3650", [new Problems.FieldError("days", "must be between 1 and 3650")]);
        return TypedResults.Ok(await query.GetAsync(window, cancellationToken));
    }
}
