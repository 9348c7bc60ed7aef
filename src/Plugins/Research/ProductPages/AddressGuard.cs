using System.Net;
using System.Net.Sockets;

namespace LiveShop.Plugins.Research.ProductPages;

/// <summary>
/// Keeps outbound research fetches on the public internet: loopback, private, link-local, carrier-grade NAT, multicast
/// and unspecified addresses are refused unless explicitly allowed (server-side request forgery guard).
/// </summary>
public static class AddressGuard
{
    /// <summary>Whether <paramref name="address"/> is one the open web may not lead us to.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal;
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] >= 64 && b[1] <= 127,
            169 => b[1] == 254,
            172 => b[1] >= 16 && b[1] <= 31,
            192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),
            198 => b[1] == 18 || b[1] == 19,
            >= 224 => true,
            _ => false,
        };
    }

    /// <summary>
    /// A connect callback for <see cref="SocketsHttpHandler"/>: resolves the host itself and connects only to addresses
    /// that pass, so a DNS answer that changes between check and connect cannot smuggle a request inside.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowInternal) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var usable = allowInternal ? addresses : addresses.Where(a => !IsInternal(a)).ToArray();
            if (usable.Length == 0)
                throw new BlockedAddressException($"{host} resolves only to internal addresses; research fetches reach public hosts only");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(usable, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}

/// <summary>A fetch was refused because its host is internal.</summary>
public sealed class BlockedAddressException(string message) : Exception(message);
