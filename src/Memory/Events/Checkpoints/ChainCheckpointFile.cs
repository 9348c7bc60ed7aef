using System.Text.Json;
using System.Text.RegularExpressions;
using LiveShop.Memory.Security;

namespace LiveShop.Memory.Events.Checkpoints;

/// <summary>What the checkpoint file says: the newest valid checkpoint, or the problem that makes the file untrustworthy.</summary>
public sealed record CheckpointReading(ChainCheckpoint? Latest, string? Problem)
{
    /// <summary>True when no line of the file is forged or damaged.</summary>
    public bool Trusted => Problem is null;
}

/// <summary>
/// The checkpoint file of one database's chain in a data directory (<c>audit/chain-checkpoints.DATABASE.jsonl</c>, one JSON
/// checkpoint per line, appended) and its HMAC key (configuration <c>Audit:CheckpointKey</c>, else
/// <c>chain-checkpoint.key</c> generated into the data directory, beside the proof signing key). One file per database
/// name, so a scratch database (benchmarks) never writes checkpoints the business's chain would be held to.
/// </summary>
public sealed partial class ChainCheckpointFile
{
    /// <summary>The configuration key that holds a base64 checkpoint key.</summary>
    public const string KeyConfigurationKey = "Audit:CheckpointKey";

    /// <summary>Name of the generated key file inside the data directory.</summary>
    public const string KeyFileName = "chain-checkpoint.key";

    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false };

    private readonly byte[] _key;

    /// <summary>The checkpoint file of database <paramref name="database"/> in <paramref name="dataDirectory"/>, signing with the configured key or the data directory's own.</summary>
    public ChainCheckpointFile(string dataDirectory, string database, string? configuredKeyBase64)
    {
        _key = SecretKeyFile.LoadOrCreate(configuredKeyBase64, KeyConfigurationKey, dataDirectory, KeyFileName, "the chain checkpoint key");
        Path = System.IO.Path.Combine(dataDirectory, "audit", $"chain-checkpoints.{UnsafeFileNameCharacters().Replace(database, "_")}.jsonl");
    }

    /// <summary>Where the checkpoints are kept.</summary>
    public string Path { get; }

    /// <summary>One checkpoint as the single JSON line the file and the log carry.</summary>
    public static string ToLine(ChainCheckpoint checkpoint) => JsonSerializer.Serialize(checkpoint, LineOptions);

    /// <summary>Signs the head and appends it to the file; returns the checkpoint written.</summary>
    public async Task<ChainCheckpoint> WriteAsync(long sequence, string hash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var checkpoint = ChainCheckpoint.Sign(sequence, hash, at, _key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await File.AppendAllTextAsync(Path, ToLine(checkpoint) + "\n", cancellationToken);
        return checkpoint;
    }

    /// <summary>
    /// Reads every line: the newest checkpoint (highest sequence) when all lines parse and carry this key's signature,
    /// else the first line that does not. A missing file is trusted and has no checkpoint.
    /// </summary>
    public async Task<CheckpointReading> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path)) return new(null, null);
        var lines = await File.ReadAllLinesAsync(Path, cancellationToken);
        ChainCheckpoint? latest = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            ChainCheckpoint? checkpoint;
            try
            {
                checkpoint = JsonSerializer.Deserialize<ChainCheckpoint>(lines[i], LineOptions);
            }
            catch (JsonException)
            {
                checkpoint = null;
            }
            if (checkpoint?.Hash is null || checkpoint.Signature is null)
                return new(latest, $"checkpoint file {Path} line {i + 1} is not a checkpoint (the file was changed)");
            if (!checkpoint.IsSignedWith(_key))
                return new(latest, $"checkpoint file {Path} line {i + 1}: the signature does not match its content (the checkpoint was changed or forged)");
            if (latest is null || checkpoint.Sequence >= latest.Sequence) latest = checkpoint;
        }
        return new(latest, null);
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex UnsafeFileNameCharacters();
}
