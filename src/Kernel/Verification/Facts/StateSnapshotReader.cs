using System.Security.Cryptography;
using System.Text.Json;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Verification.Facts;

/// <summary>Reads a state snapshot file or text, turning every defect into an <see cref="InvalidInputException"/> that names the field.</summary>
public static class StateSnapshotReader
{
    /// <summary>Reads and parses a snapshot file.</summary>
    public static StateSnapshot ReadFile(string path) => Parse(InputFiles.ReadText(path, "state snapshot"), path);

    /// <summary>Parses snapshot JSON; <paramref name="source"/> names it in error messages.</summary>
    public static StateSnapshot Parse(string json, string source = "state snapshot")
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new InvalidInputException($"{source}: the state snapshot is empty");
        StateSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<StateSnapshot>(json, JsonDefaults.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{source}: invalid state snapshot at {FieldOf(e.Path)}: {FirstSentence(e.Message)}", e);
        }
        if (snapshot is null)
            throw new InvalidInputException($"{source}: the state snapshot must be a JSON object");
        Validate(snapshot, source);
        return snapshot;
    }

    /// <summary>The snapshot's identity: "snapshot:" + SHA-256 of its canonical JSON content.</summary>
    public static string ComputeVersion(StateSnapshot snapshot)
    {
        var canonical = CanonicalJson.ToUtf8Bytes(JsonSerializer.SerializeToElement(snapshot, JsonDefaults.Options));
        return "snapshot:" + Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    internal static string FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "the top level" : $"'{path.TrimStart('$', '.')}'";

    // System.Text.Json appends "Path: … | LineNumber: …" to its messages; the field is already named.
    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    // JSON null slips past non-nullable ids; a fact without an id cannot be looked up, so say so here.
    private static void Validate(StateSnapshot snapshot, string source)
    {
        if (snapshot.Finance is null) throw Missing(source, "finance");
        for (var i = 0; i < snapshot.Products.Count; i++)
            if (snapshot.Products[i]?.Id is null) throw Missing(source, $"products[{i}].id");
        for (var i = 0; i < snapshot.AdSets.Count; i++)
            if (snapshot.AdSets[i]?.Id is null) throw Missing(source, $"ad_sets[{i}].id");
        for (var i = 0; i < snapshot.Orders.Count; i++)
            if (snapshot.Orders[i]?.Id is null) throw Missing(source, $"orders[{i}].id");
        for (var i = 0; i < snapshot.Refunds.Count; i++)
            if (snapshot.Refunds[i] is null) throw Missing(source, $"refunds[{i}]");
        for (var i = 0; i < snapshot.BudgetChanges.Count; i++)
            if (snapshot.BudgetChanges[i]?.AdSetId is null) throw Missing(source, $"budget_changes[{i}].ad_set_id");
        for (var i = 0; i < snapshot.PriceChanges.Count; i++)
            if (snapshot.PriceChanges[i]?.ProductId is null) throw Missing(source, $"price_changes[{i}].product_id");
    }

    private static InvalidInputException Missing(string source, string field) =>
        new($"{source}: invalid state snapshot: '{field}' is required");
}
