using System.Security.Claims;
using LiveShop.Chat.Hosting.Requests;
using LiveShop.Chat.SignIn;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Verification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary><c>POST /api/gateway/actions</c>: submit an action packet to the pipeline (verify → execute, hold for approval, or deny).</summary>
public static class GatewayApi
{
    /// <summary>What became of a submitted action.</summary>
    public sealed record GatewayAnswer(
        string ActionId, string Decision, string RiskLevel, string Status, Guid? ApprovalId, string? ConnectorReference, string Message, Verdict Verdict);

    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/gateway/actions", SubmitAsync)
            .WithName("SubmitAction")
            .WithSummary("Verify an action packet and act on the verdict: execute exactly once, hold for approval, or deny.")
            .Accepts<ActionPacket>("application/json")
            .WithBodyLimit(VerifyApi.MaxBodyBytes)
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<Ok<GatewayAnswer>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, ClaimsPrincipal signedIn, ActionPipeline pipeline, UserDirectory users, CancellationToken cancellationToken)
    {
        var caller = await users.FindAsync(SignedInUser.EmailOf(signedIn), cancellationToken);
        if (caller is null || caller.Disabled)
            return TypedResults.Problem(title: "Unknown caller.", detail: "the signed-in user must be an enabled user",
                statusCode: StatusCodes.Status401Unauthorized);

        ActionPacket packet;
        try
        {
            using var reader = new StreamReader(request.Body);
            packet = ActionPacketReader.Parse(await reader.ReadToEndAsync(cancellationToken), "body");
        }
        catch (InvalidInputException e)
        {
            return Problems.BadRequest("Invalid action packet; nothing was done.", e.Message, [new Problems.FieldError(VerifyApi.FieldOf(e.Message), e.Message)]);
        }

        // Whoever is signed in files the action: a body cannot make it someone else's (another person, a persona, an
        // automation), which would change who may approve it.
        if (RequesterIdentity.Disagreements(packet, caller.Email, personaMayPropose: false) is { Count: > 0 } spoofed)
            return RequesterIdentity.Refusal(spoofed, "nothing was done.");
        packet = RequesterIdentity.Stamp(packet, caller.Email);
        var outcome = await pipeline.SubmitAsync(packet, cancellationToken);
        return TypedResults.Ok(new GatewayAnswer(
            outcome.Packet.ActionId, Kernel.Gateway.DecisionLog.DecisionCode(outcome.Verdict.Decision), outcome.Verdict.RiskLevel.ToString(),
            StatusCode(outcome.Status), outcome.ApprovalId, outcome.ConnectorReference, outcome.Message, outcome.Verdict));
    }

    /// <summary>The contract's spelling of a status.</summary>
    public static string StatusCode(ActionStatus status) => status switch
    {
        ActionStatus.Executed => "executed",
        ActionStatus.AwaitingApproval => "awaiting_approval",
        ActionStatus.Denied => "denied",
        _ => "failed",
    };
}
