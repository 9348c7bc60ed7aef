using LiveShop.Kernel.Actions.Definitions;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Security.Cryptography;
using System.Text.Json;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification.Claims;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Rules;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Verification;

/// <summary>
/// Decides whether a proposed action may run: a pure, deterministic function of the policy, the facts and the
/// packet that returns an unsigned verdict listing every invariant it checked. Evidence in the packet is never read.
/// </summary>
public sealed class Verifier
{
    private static readonly ConditionalWeakTable<BusinessPolicy, Verifier> PerPolicy = new();
    private readonly BannedClaimDetector _claimDetector;

    /// <summary>Prepares a verifier for one policy (compiles its banned claims once).</summary>
    public Verifier(BusinessPolicy policy)
    {
        Policy = policy;
        _claimDetector = new BannedClaimDetector(policy.Listings.BannedClaims);
    }

    /// <summary>The policy this verifier applies.</summary>
    public BusinessPolicy Policy { get; }

    /// <summary>Verifies with a verifier cached per policy instance.</summary>
    public static Verdict Evaluate(BusinessPolicy policy, BusinessFacts facts, ActionPacket packet, DateTimeOffset issuedAt, bool autonomyOn = true) =>
        PerPolicy.GetValue(policy, p => new Verifier(p)).Verify(facts, packet, issuedAt, autonomyOn);

    /// <summary>
    /// The unsigned verdict for <paramref name="packet"/> against <paramref name="facts"/>, issued at <paramref name="issuedAt"/>.
    /// <paramref name="autonomyOn"/> is the kill switch: while it is off an <c>automation:</c> request needs the founder.
    /// </summary>
    public Verdict Verify(BusinessFacts facts, ActionPacket packet, DateTimeOffset issuedAt, bool autonomyOn = true)
    {
        var verdict = new VerdictBuilder();
        var action = packet.ProposedAction ?? "";
        var context = new RuleContext(Policy, facts, action, packet.Parameters, _claimDetector);

        var fixedClass = FixedRiskRules.ClassOf(Policy.Risk, action);
        // An action with no rules of its own is known only through the class the policy fixes for it: fail closed otherwise.
        var definition = ActionCatalog.Find(action) is { HasRules: true } withRules ? withRules : null;
        if (fixedClass is null && definition is null)
        {
            verdict.AtLeast(RiskLevel.L3);
            verdict.Deny("known_action", $"unknown action '{action}' is denied (fail closed)", null, null, $"{action} is not in the policy");
        }
        else if (FirstParameterDefect(action, packet.Parameters) is { } defect)
        {
            verdict.AtLeast(fixedClass ?? RiskLevel.L1);
            verdict.Deny("parameters_valid", defect, null, null, $"{action} parameters checked against the action catalogue");
        }
        else
        {
            if (fixedClass is { } level) FixedRiskRules.Evaluate(action, level, verdict);
            if (definition is not null)
            {
                verdict.AtLeast(definition.RiskFloor);
                definition.Evaluate(context, verdict);
            }
        }

        AutonomyRule.Evaluate(packet, autonomyOn, verdict);

        var (decision, approver) = verdict.Outcome();
        return new Verdict
        {
            ActionId = packet.ActionId,
            Decision = decision,
            RiskLevel = verdict.Risk,
            Approver = approver,
            Reasons = verdict.Reasons,
            Proof = new Proof
            {
                PolicyVersion = Policy.Version,
                StateVersion = facts.StateVersion,
                Action = action,
                ParametersHash = HashParameters(packet.Parameters),
                InvariantChecks = verdict.Checks,
                IssuedAt = issuedAt,
                ExpiresAt = issuedAt.AddMinutes(Policy.Proofs.LifetimeMinutes),
            },
        };
    }

    /// <summary>"sha256:" + hex SHA-256 of the parameters' canonical JSON; binds a proof to the exact parameters.</summary>
    public static string HashParameters(JsonElement parameters)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        if (parameters.ValueKind == JsonValueKind.Undefined)
        {
            SHA256.HashData("{}"u8, hash);
        }
        else
        {
            // One reusable buffer and writer per thread: hashing runs on every verdict.
            var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
            var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            CanonicalJson.Write(writer, parameters);
            writer.Flush();
            SHA256.HashData(buffer.WrittenSpan, hash);
        }
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    // Packets built in code skip ActionPacketReader; a missing or mistyped parameter must still fail closed.
    private static string? FirstParameterDefect(string action, JsonElement parameters)
    {
        var specs = ActionCatalog.ParametersOf(action);
        if (specs is null) return null;
        if (parameters.ValueKind != JsonValueKind.Object) return "parameters must be a JSON object";
        foreach (var spec in specs)
        {
            if (!parameters.TryGetProperty(spec.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (spec.Required) return $"parameter '{spec.Name}' is required for {action}";
                continue;
            }
            if (!ActionParameters.IsValid(value, spec.Kind)) return $"parameter '{spec.Name}' of {action} has the wrong type";
        }
        return null;
    }
}
