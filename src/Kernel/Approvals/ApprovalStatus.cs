namespace LiveShop.Kernel.Approvals;

/// <summary>
/// Where an approval request stands. JSON writes these snake_case (<c>pending</c>, <c>approved</c>, …), the same codes the
/// <c>approvals.status</c> column holds, so the wire and the CLI keep their spelling.
/// </summary>
public enum ApprovalStatus
{
    /// <summary>Waiting for a decision.</summary>
    Pending,

    /// <summary>Approved by an authorised person; about to run (after re-verification).</summary>
    Approved,

    /// <summary>Refused by an authorised person, with a reason.</summary>
    Rejected,

    /// <summary>Lapsed before a decision or before execution; it will never run.</summary>
    Expired,

    /// <summary>Approved and run by the tool gateway.</summary>
    Executed,

    /// <summary>Approved, but fresh facts changed the verdict, so a new decision was required.</summary>
    Superseded,
}

/// <summary>The stored and wire codes of <see cref="ApprovalStatus"/> and the transitions between them.</summary>
public static class ApprovalStatuses
{
    private static readonly IReadOnlyDictionary<ApprovalStatus, string> Codes = new Dictionary<ApprovalStatus, string>
    {
        [ApprovalStatus.Pending] = "pending",
        [ApprovalStatus.Approved] = "approved",
        [ApprovalStatus.Rejected] = "rejected",
        [ApprovalStatus.Expired] = "expired",
        [ApprovalStatus.Executed] = "executed",
        [ApprovalStatus.Superseded] = "superseded",
    };

    private static readonly IReadOnlyDictionary<string, ApprovalStatus> ByCode = Codes.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);

    /// <summary>Every status, in declaration order.</summary>
    public static IReadOnlyList<ApprovalStatus> All { get; } = Enum.GetValues<ApprovalStatus>();

    /// <summary>The code stored in <c>approvals.status</c> and written on the wire, e.g. <c>pending</c>.</summary>
    public static string Code(this ApprovalStatus status) => Codes[status];

    /// <summary>The status a stored code names; throws on a code the schema's CHECK would not allow.</summary>
    public static ApprovalStatus Parse(string code) =>
        ByCode.TryGetValue(code, out var status) ? status : throw new FormatException($"'{code}' is not an approval status");

    /// <summary>The status a user-typed code names (case-insensitive), or null when it names none.</summary>
    public static ApprovalStatus? TryParse(string? code) =>
        code is not null && ByCode.TryGetValue(code.Trim().ToLowerInvariant(), out var status) ? status : null;

    /// <summary>Whether a person may still decide it.</summary>
    public static bool IsOpen(this ApprovalStatus status) => status == ApprovalStatus.Pending;

    /// <summary>
    /// The statuses a request may be closed from into <paramref name="closing"/>: execution and supersession follow an
    /// approval; expiry may also overtake a pending request. Anything else is not a close.
    /// </summary>
    public static IReadOnlyList<ApprovalStatus> ClosableInto(ApprovalStatus closing) => closing switch
    {
        ApprovalStatus.Executed or ApprovalStatus.Superseded or ApprovalStatus.Expired => [ApprovalStatus.Approved, ApprovalStatus.Pending],
        _ => throw new ArgumentException($"'{closing.Code()}' does not close an approval", nameof(closing)),
    };
}
