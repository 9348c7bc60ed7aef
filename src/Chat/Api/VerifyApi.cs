using System.Security.Claims;
using System.Text.RegularExpressions;
using LiveShop.Chat.Hosting.Requests;
using LiveShop.Chat.SignIn;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary><c>POST /api/verify</c>: an action packet in, the signed verdict out, from live facts and with no side effects (CONTRACTS.md §1).</summary>
public static partial class VerifyApi
{
    /// <summary>Largest packet accepted (also when sent chunked); a packet is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/verify", VerifyAsync)
            .WithName("VerifyAction")
            .WithSummary("Verify an action packet against the policy and the live facts; answers the signed verdict (nothing is executed).")
            .Accepts<ActionPacket>("application/json")
            .WithBodyLimit(MaxBodyBytes)
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<Results<JsonHttpResult<Verdict>, ProblemHttpResult>> VerifyAsync(
        HttpRequest request, ClaimsPrincipal signedIn, PolicyInForce policies, IFactsProvider facts, ProofSigner signer, TimeProvider time,
        CancellationToken cancellationToken)
    {
        string body;
        using (var reader = new StreamReader(request.Body))
            body = await reader.ReadToEndAsync(cancellationToken);

        ActionPacket packet;
        try
        {
            packet = ActionPacketReader.Parse(body, "body");
        }
        catch (InvalidInputException e)
        {
            return Invalid(e.Message);
        }
        // Nothing is recorded here, so a persona may be named as the proposer; another person may not.
        var caller = SignedInUser.EmailOf(signedIn) ?? "";
        if (RequesterIdentity.Disagreements(packet, caller, personaMayPropose: true) is { Count: > 0 } spoofed)
            return RequesterIdentity.Refusal(spoofed, "nothing was verified.");
        packet = RequesterIdentity.Stamp(packet, caller);
        var policy = await policies.GetAsync(cancellationToken);
        var verdict = signer.Sign(Verifier.Evaluate(policy, await facts.GetFactsAsync(packet, cancellationToken), packet, time.GetUtcNow()));
        // The same options the CLI prints with, so both surfaces answer the same JSON.
        return TypedResults.Json(verdict, JsonDefaults.Options);
    }

    private static ProblemHttpResult Invalid(string message) =>
        Problems.BadRequest("Invalid action packet; nothing was verified.", message, [new Problems.FieldError(FieldOf(message), message)]);

    // The reader names the offending field in quotes: "parameter 'amount' …" → parameters.amount, "'proposed_action' …" → proposed_action.
    internal static string FieldOf(string message)
    {
        var match = QuotedField().Match(message);
        if (!match.Success) return "body";
        return match.Groups["parameter"].Success ? "parameters." + match.Groups["name"].Value : match.Groups["name"].Value;
    }

    [GeneratedRegex(@"(?<parameter>parameter )?'(?<name>[a-z_][a-z0-9_]*)'")]
    private static partial Regex QuotedField();
}
