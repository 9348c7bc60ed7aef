using System.Security.Cryptography;

namespace LiveShop.Memory.Security;

/// <summary>
/// An HMAC key kept outside the database: a configured base64 value when given, else a random key generated once into a
/// file of the data directory, readable by the owner only. Several hosts sharing a data directory end up with one key.
/// Keys are never logged.
/// </summary>
public static class SecretKeyFile
{
    /// <summary>
    /// The configured base64 key when given, else the key in <paramref name="dataDirectory"/>/<paramref name="fileName"/>,
    /// created on first use. <paramref name="purpose"/> names the key in error messages ("the proof signing key").
    /// </summary>
    public static byte[] LoadOrCreate(string? configuredKeyBase64, string configurationKey, string dataDirectory, string fileName, string purpose)
    {
        if (!string.IsNullOrWhiteSpace(configuredKeyBase64))
            return Decode(configuredKeyBase64.Trim(), $"configuration {configurationKey}", purpose);

        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, fileName);
        if (File.Exists(path)) return Decode(File.ReadAllText(path).Trim(), path, purpose);

        var key = RandomNumberGenerator.GetBytes(32);
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
            return Decode(File.ReadAllText(path).Trim(), path, purpose);
        }
    }

    private static byte[] Decode(string base64, string where, string purpose)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{purpose} in {where} is not valid base64");
        }
        if (key.Length < 16)
            throw new InvalidOperationException($"{purpose} in {where} is shorter than 16 bytes");
        return key;
    }
}
