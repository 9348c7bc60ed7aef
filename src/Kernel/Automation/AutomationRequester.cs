using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveShop.Kernel.Actions;
using LiveShop.Kernel.Personas.Catalog;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Automation;

/// <summary>What an automation asks for: the action and its arguments, what set it off, and why.</summary>
/// <param name="Automation">The automation's name; the request is made by <c>automation:&lt;name&gt;</c>.</param>
/// <param name="Action">The action's contract name (an <c>ActionName</c> constant of its definition).</param>
/// <param name="Parameters">The action's arguments.</param>
/// <param name="Trigger">What set it off, e.g. <c>event:&lt;event id&gt;</c> or <c>job:roas_kill_switch:2026-12-02</c>; the same trigger never acts twice.</param>
/// <param name="Reason">Why, in a sentence a person reads on the approval card or in the decision log.</param>
public sealed record AutomationRequest(
    string Automation, string Action, IReadOnlyDictionary<string, object?> Parameters, string Trigger, string Reason);

/// <summary>
/// Submits an automation's request through the one action pipeline (facts → verifier → proof → gateway or approval), so
/// nothing automated bypasses the invariants. The packet is requested by <c>automation:&lt;name&gt;</c> for the persona
/// with the least authority that lists the action, and its action id and idempotency key are derived from (automation,
/// trigger, action, arguments): a redelivered trigger answers the earlier execution or finds the approval already open.
/// </summary>
public sealed class AutomationRequester(IActionPipeline pipeline, PersonaCatalog personas)
{
    /// <summary>The requester prefix that marks an automated request.</summary>
    public const string RequesterPrefix = "automation:";

    /// <summary>Submits the request and returns what became of it; never throws for a refused action.</summary>
    public Task<ActionOutcome> RequestAsync(AutomationRequest request, CancellationToken cancellationToken)
    {
        var packet = Packet(request, PersonaFor(request.Action));
        return pipeline.SubmitAsync(packet, cancellationToken);
    }

    /// <summary>The packet for a request proposed by <paramref name="persona"/>.</summary>
    public static ActionPacket Packet(AutomationRequest request, string persona)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Automation);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Trigger);
        var parameters = JsonSerializer.SerializeToElement(request.Parameters, JsonDefaults.Options);
        var key = IdempotencyKey(request.Automation, request.Trigger, request.Action, parameters);
        return new ActionPacket
        {
            // Derived from the key, so a second delivery finds the approval the first one opened (approvals match by action id).
            ActionId = DerivedEventIds.For(key).ToString(),
            ProposedAction = request.Action,
            Parameters = parameters,
            Agent = persona,
            RequestedBy = RequesterPrefix + request.Automation,
            IdempotencyKey = key,
            Evidence = JsonSerializer.SerializeToElement(new
            {
                Automation = request.Automation, Trigger = request.Trigger, Reason = request.Reason,
            }, JsonDefaults.Options),
        };
    }

    /// <summary>
    /// <c>automation:&lt;name&gt;:&lt;hex&gt;</c>, the hex a SHA-256 of the canonical (automation, trigger, action, arguments):
    /// the same trigger asking for the same thing yields the same key, whatever order the arguments were written in.
    /// </summary>
    public static string IdempotencyKey(string automation, string trigger, string action, JsonElement parameters)
    {
        var canonical = CanonicalJson.Serialize(new
        {
            Automation = automation, Trigger = trigger, Action = action, ParametersHash = Verifier.HashParameters(parameters),
        });
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return $"{RequesterPrefix}{automation}:{hash[..32]}";
    }

    /// <summary>
    /// The persona that proposes <paramref name="action"/>: of those whose allow-list names it, the one with the lowest risk
    /// ceiling (then by name), so an automation never borrows more authority than the narrowest role that does this work.
    /// </summary>
    public string PersonaFor(string action) =>
        personas.All
            .Where(p => p.Functions.Contains(action))
            .OrderBy(p => p.MaxRisk).ThenBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault()?.Name
        ?? throw new InvalidOperationException($"no persona lists {action}, so no automation may request it");
}
