using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification.Proofs;

namespace LiveShop.Chat.Hosting;

/// <summary>Where the host and the verbs find the policy in force and the proof signing key, the same way everywhere.</summary>
public static class VerificationSetup
{
    /// <summary>Configuration key naming the policy file.</summary>
    public const string PolicyPathKey = "Policy:Path";

    /// <summary>
    /// The policy file to apply: <c>Policy:Path</c> when configured, else policies/default.yaml next to the binaries when
    /// present; null means the default policy embedded in the Kernel.
    /// </summary>
    public static string? PolicyPath(IConfiguration configuration)
    {
        if (configuration[PolicyPathKey] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        var shipped = Path.Combine(AppContext.BaseDirectory, "policies", "default.yaml");
        return File.Exists(shipped) ? shipped : null;
    }

    /// <summary>Loads the policy in force; throws <see cref="PolicyException"/> naming the line when it is malformed.</summary>
    public static BusinessPolicy LoadPolicy(IConfiguration configuration) =>
        PolicyPath(configuration) is { } path ? PolicyLoader.LoadFile(path) : PolicyLoader.LoadDefault();

    /// <summary>This installation's proof signer: key from <c>Proof:SigningKey</c>, else generated once into the data directory.</summary>
    public static ProofSigner CreateSigner(IConfiguration configuration, TimeProvider time) =>
        new(ProofKeyStore.LoadOrCreate(configuration, configuration.GetLiveShopOptions().DataDirectory), time);
}
