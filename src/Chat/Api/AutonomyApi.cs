using System.Security.Claims;
using LiveShop.Chat.SignIn;
using LiveShop.Kernel.Automation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary>
/// <c>/api/autonomy</c>: the kill switch. Anyone signed in reads it; only the founder (the authenticated caller, never a
/// body field) turns it off or on, and every change is audited as <c>AutonomyChanged</c>.
/// </summary>
public static class AutonomyApi
{
    public static IEndpointRouteBuilder MapAutonomyApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/autonomy");
        group.MapGet("", Status).WithName("AutonomyStatus").WithSummary("Whether automation acts on its own, and who changed it last.");
        group.MapPost("/off", (ClaimsPrincipal user, AutonomySwitch autonomy, CancellationToken ct) => SetAsync(false, user, autonomy, ct))
            .WithName("AutonomyOff").WithSummary("Founder only: every automated action waits for the founder's approval.").DisableAntiforgery();
        group.MapPost("/on", (ClaimsPrincipal user, AutonomySwitch autonomy, CancellationToken ct) => SetAsync(true, user, autonomy, ct))
            .WithName("AutonomyOn").WithSummary("Founder only: automation acts again within the verifier's limits.").DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Ok<AutonomyStatus>> Status(AutonomySwitch autonomy, CancellationToken cancellationToken) =>
        TypedResults.Ok(await autonomy.GetAsync(cancellationToken));

    private static async Task<Results<Ok<AutonomyChange>, ProblemHttpResult>> SetAsync(bool on, ClaimsPrincipal user, AutonomySwitch autonomy, CancellationToken cancellationToken)
    {
        var change = await autonomy.SetAsync(on, SignedInUser.EmailOf(user) ?? "", cancellationToken);
        return change.Succeeded
            ? TypedResults.Ok(change)
            : TypedResults.Problem(title: "Only the founder changes autonomy.", detail: change.Message, statusCode: StatusCodes.Status403Forbidden);
    }
}
