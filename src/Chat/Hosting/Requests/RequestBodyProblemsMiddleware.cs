using Microsoft.AspNetCore.Http.Features;

namespace LiveShop.Chat.Hosting.Requests;

/// <summary>
/// Turns what the server refuses while a body is read (larger than the endpoint's limit → 413, a truncated or
/// malformed chunked body → 400) into problem+json instead of the 500 an unhandled exception would give.
/// </summary>
public sealed class RequestBodyProblemsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Routing has already applied the endpoint's own limit. A declared length over it is refused before a byte is
        // read, so a client that sent "Expect: 100-continue" never uploads the body at all.
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (limit is { } declaredLimit && context.Request.ContentLength > declaredLimit)
        {
            await TooLarge(declaredLimit, $"Content-Length {context.Request.ContentLength}").ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var result = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(limit, e.Message)
                : Problem("The request body could not be read; nothing was done.", $"body: {e.Message}", e.StatusCode, e.Message);
            await result.ExecuteAsync(context);
        }
    }

    private static IResult TooLarge(long? limit, string message) =>
        Problem("The request body is too large; nothing was done.",
            limit is { } bytes ? $"body: larger than the {bytes} bytes this endpoint accepts" : "body: larger than this endpoint accepts",
            StatusCodes.Status413PayloadTooLarge, message);

    private static IResult Problem(string title, string detail, int status, string message) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { field = "body", message } } });
}
