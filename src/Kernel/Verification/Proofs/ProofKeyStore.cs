using LiveShop.Memory.Security;
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
    public static byte[] LoadOrCreate(string? configuredKeyBase64, string dataDirectory) =>
        SecretKeyFile.LoadOrCreate(configuredKeyBase64, ConfigurationKey, dataDirectory, FileName, "the proof signing key");
}
