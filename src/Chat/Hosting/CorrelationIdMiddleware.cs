using Serilog.Context;

namespace LiveShop.Chat.Hosting;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> or a new one), echoes it in
/// the response and attaches it to every log line written while the request runs.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    /// <summary>Header carrying the correlation id in both directions.</summary>
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        // Accept only short, printable ids so a caller cannot inject into logs.
        var id = incoming.Length is > 0 and <= 64 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? incoming
            : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[Header] = id;
        using (LogContext.PushProperty("CorrelationId", id))
            await next(context);
    }
}
