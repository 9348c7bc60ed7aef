using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveShop.Chat.Messaging.Slack;

/// <summary>
/// Slack request signing: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> with the signing secret,
/// compared in constant time; a timestamp more than five minutes from now is refused so a captured request cannot be
/// replayed later. Pure: no HTTP.
/// </summary>
public static class SlackSignature
{
    /// <summary>How far the request's timestamp may be from now.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The signature Slack would send for this body at this timestamp.</summary>
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether the headers prove the body came from Slack recently; null or malformed headers never verify.</summary>
    public static bool Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signingSecret) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return false;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (seconds > now.ToUnixTimeSeconds() + (long)MaxClockSkew.TotalSeconds || seconds < now.ToUnixTimeSeconds() - (long)MaxClockSkew.TotalSeconds)
            return false;
        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
