using System.Text.Json.Serialization;

namespace LiveShop.Kernel.Verification;

/// <summary>The verifier's answer to an action packet, with the proof the gateway re-checks before executing.</summary>
public sealed record Verdict
{
    public required string ActionId { get; init; }
    public required Decision Decision { get; init; }
    public required RiskLevel RiskLevel { get; init; }
    public required Approver Approver { get; init; }
    /// <summary>Human-readable, one per failed or escalating check.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
    public required Proof Proof { get; init; }
}

/// <summary>What the verifier checked, against which policy and facts, and until when the answer holds.</summary>
public sealed record Proof
{
    /// <summary>SHA-256 of the policy's canonical content.</summary>
    public required string PolicyVersion { get; init; }
    /// <summary>Snapshot id or event sequence the facts came from.</summary>
    public required string StateVersion { get; init; }
    /// <summary>The proposed action this proof is bound to.</summary>
    public required string Action { get; init; }
    /// <summary>"sha256:" + hex SHA-256 of the canonical parameters this proof is bound to.</summary>
    public required string ParametersHash { get; init; }
    public required IReadOnlyList<InvariantCheck> InvariantChecks { get; init; }
    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset IssuedAt { get; init; }
    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>Base64 HMAC-SHA256 over the canonical JSON of the verdict without this field; absent until signed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Signature { get; init; }
}

/// <summary>One invariant the verifier evaluated, with the number it compared and the facts it used.</summary>
public sealed record InvariantCheck
{
    public required string Id { get; init; }
    public required CheckStatus Status { get; init; }
    public decimal? Value { get; init; }
    public decimal? Threshold { get; init; }
    public IReadOnlyList<string> Facts { get; init; } = [];
}

/// <summary>What may happen to the action.</summary>
public enum Decision
{
    Allow,
    RequireApproval,
    Deny,
}

/// <summary>Risk class, L0 (no side effect) to L3 (founder only); ordered so a larger value is riskier.</summary>
public enum RiskLevel
{
    [JsonStringEnumMemberName("L0")] L0,
    [JsonStringEnumMemberName("L1")] L1,
    [JsonStringEnumMemberName("L2")] L2,
    [JsonStringEnumMemberName("L3")] L3,
}

/// <summary>Who must approve before the action runs.</summary>
public enum Approver
{
    None,
    AnyApprover,
    Founder,
}

/// <summary>Outcome of one invariant check.</summary>
public enum CheckStatus
{
    [JsonStringEnumMemberName("PASS")] Pass,
    [JsonStringEnumMemberName("FAIL")] Fail,
    [JsonStringEnumMemberName("ESCALATE")] Escalate,
    [JsonStringEnumMemberName("NOT_APPLICABLE")] NotApplicable,
}

/// <summary>Writes instants as ISO-8601 UTC with a "Z" and no trailing zero fractions, so they read and re-sign the same.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    /// <inheritdoc />
    public override void Write(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
}
