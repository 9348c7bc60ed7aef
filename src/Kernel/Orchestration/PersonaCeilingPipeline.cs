using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Functions;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Facts;

namespace LiveShop.Kernel.Orchestration;

/// <summary>Previews the verdict a packet would get, so a persona's ceiling is enforced before anything is filed or run.</summary>
public interface IVerdictPreview
{
    /// <summary>The (unsigned) verdict for <paramref name="packet"/> against current facts; no side effects.</summary>
    ValueTask<Verdict> PreviewAsync(ActionPacket packet, CancellationToken cancellationToken);
}

/// <summary>The verifier over live facts, without signing, logging or approvals.</summary>
public sealed class VerifierPreview(PolicyInForce policies, IFactsProvider facts, TimeProvider time) : IVerdictPreview
{
    /// <inheritdoc />
    public async ValueTask<Verdict> PreviewAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(cancellationToken);
        var current = await facts.GetFactsAsync(packet, cancellationToken);
        return Verifier.Evaluate(policy, current, packet, time.GetUtcNow());
    }
}

/// <summary>
/// Wraps the action pipeline: a packet whose verdict would carry a risk level above the proposing persona's
/// <see cref="Persona.MaxRisk"/> is denied ("above persona ceiling") and audited before it reaches the pipeline, so no
/// approval request is filed and nothing runs. Packets the verifier would deny anyway go through, so the denial is
/// logged where every denial is. The role of the person the persona acts for is checked first, so a request their role
/// may not make is refused for that reason before any verdict is previewed.
/// </summary>
public sealed class PersonaCeilingPipeline(
    IActionPipeline inner, PersonaCatalog personas, IVerdictPreview preview, IFunctionAudit audit, RequestAuthority requests) : IActionPipeline
{
    /// <inheritdoc />
    public async Task<ActionOutcome> SubmitAsync(ActionPacket packet, CancellationToken cancellationToken = default)
    {
        if (await requests.RefuseAsync(packet, packet.OnBehalfOf, cancellationToken) is { } refused) return refused;
        var persona = packet.Agent is { } agent ? personas.Find(agent) : null;
        if (persona is null || persona.MaxRisk == RiskLevel.L3) return await inner.SubmitAsync(packet, cancellationToken);

        var verdict = await preview.PreviewAsync(packet, cancellationToken);
        if (verdict.Decision == Decision.Deny || persona.MayPropose(verdict.RiskLevel))
            return await inner.SubmitAsync(packet, cancellationToken);

        var reason = $"above persona ceiling: {persona.Name} may propose up to {persona.MaxRisk}, this {packet.ProposedAction} is {verdict.RiskLevel}";
        await audit.RecordRefusalAsync(new FunctionRefusal
        {
            Function = packet.ProposedAction,
            Persona = persona.Name,
            RequestedBy = packet.RequestedBy,
            ToolCallId = packet.IdempotencyKey,
            Reason = RefusalReason.AbovePersonaCeiling,
            Detail = reason,
        }, cancellationToken);
        return new ActionOutcome
        {
            Packet = packet,
            Verdict = verdict with { Decision = Decision.Deny, Reasons = [.. verdict.Reasons, reason] },
            Status = ActionStatus.Denied,
            Message = reason + "; nothing was done — hand this to a persona or person allowed to propose it",
        };
    }
}
