namespace LiveShop.Chat.Hosting.Requests;

/// <summary>Settings of section <c>Http</c>: how much a request body may hold before it is refused with 413.</summary>
public sealed class RequestLimitsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Http";

    /// <summary>
    /// The default for every endpoint that sets no limit of its own (1 MiB). Kestrel enforces it while the body is read,
    /// so it holds for chunked bodies that announce no length.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
