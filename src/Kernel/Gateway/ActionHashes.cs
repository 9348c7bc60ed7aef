using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Gateway;

/// <summary>The canonical hashes that bind approvals, executions and decision-log entries to one exact action.</summary>
public static class ActionHashes
{
    /// <summary>"sha256:" + hex SHA-256 of the canonical JSON <c>{"action": name, "parameters_hash": …}</c>: approve A, execute B is impossible.</summary>
    public static string Arguments(string action, JsonElement parameters) =>
        Sha256(CanonicalJson.Serialize(new { Action = action, ParametersHash = Verifier.HashParameters(parameters) }));

    /// <summary>The packet's idempotency key, or one derived from action, canonical parameters and requester.</summary>
    public static string IdempotencyKey(ActionPacket packet) =>
        string.IsNullOrWhiteSpace(packet.IdempotencyKey)
            ? "derived:" + Sha256(CanonicalJson.Serialize(new
            {
                Action = packet.ProposedAction,
                ParametersHash = Verifier.HashParameters(packet.Parameters),
                RequestedBy = packet.RequestedBy ?? "",
            }))[7..]
            : packet.IdempotencyKey.Trim();

    /// <summary>Hash of a decision's input (action, parameters, requester, facts version), as a decision log records it.</summary>
    public static string DecisionInput(ActionPacket packet, string stateVersion) =>
        Sha256(CanonicalJson.Serialize(new
        {
            Action = packet.ProposedAction,
            ParametersHash = Verifier.HashParameters(packet.Parameters),
            RequestedBy = packet.RequestedBy ?? "",
            StateVersion = stateVersion,
        }));

    /// <summary>A stable uuid for a name, so an event written twice for the same fact is stored once (a <see cref="DerivedEventIds"/> id).</summary>
    public static Guid StableId(string name) => DerivedEventIds.For(name);

    private static string Sha256(string text) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
