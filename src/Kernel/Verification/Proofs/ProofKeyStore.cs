using Microsoft.Extensions.Configuration;

namespace LiveShop.Kernel.Verification.Proofs;

/// <summary>
/// Finds the proof signing key: configuration <c>Proof:SigningKey</c> (base64) when set, else a random key generated
/// once into <c>&lt;data dir&gt;/proof-signing.key</c>, readable by the owner only. The key is never logged.
/// </summary>
public static class ProofKeyStore
{
    /// <summary>The configuration key that holds a base64 signing key.</summary>
    public const string ConfigurationKey = "Proof:SigningKey";

    /// <summary>Name of the generated key file inside the data directory.</summary>
    public const string FileName = "proof-signing.key";

    /// <summary>The signing key from configuration, or from (or newly into) the data directory.</summary>
    public static byte[] LoadOrCreate(IConfiguration configuration, string dataDirectory) =>
        LoadOrCreate(configuration[ConfigurationKey], dataDirectory);

    /// <summary>The configured base64 key when given, else the key file in <paramref name="dataDirectory"/>, created on first use.</summary>
    public static byte[] LoadOrCreate(string? configuredKeyBase64, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredKeyBase64))
            return Decode(configuredKeyBase64.Trim(), $"configuration {ConfigurationKey}");

        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path)) return Decode(File.ReadAllText(path).Trim(), path);

        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another host created the key first; everyone must sign with the same one.
            return Decode(File.ReadAllText(path).Trim(), path);
        }
    }

    private static byte[] Decode(string base64, string where)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"the proof signing key in {where} is not valid base64");
        }
        if (key.Length < 16)
            throw new InvalidOperationException($"the proof signing key in {where} is shorter than 16 bytes");
        return key;
    }
}
