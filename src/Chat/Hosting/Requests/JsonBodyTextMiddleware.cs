using LiveShop.Chat.Api;
using LiveShop.Memory.Serialization;
using Microsoft.AspNetCore.Http.Metadata;

namespace LiveShop.Chat.Hosting.Requests;

/// <summary>
/// Reads the body of every endpoint that accepts JSON once, within the endpoint's size limit, and refuses text that is
/// not valid Unicode (invalid UTF-8 bytes, unpaired surrogate escapes such as <c>\ud800</c>) with 400 naming the field,
/// before any handler parses it: such text has no canonical encoding, so it must never reach hashes, proofs or storage.
/// The handler then reads the same bytes from memory.
/// </summary>
public sealed class JsonBodyTextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HasBody(context.Request) || !AcceptsJson(context.GetEndpoint()))
        {
            await next(context);
            return;
        }
        using var buffer = new MemoryStream();
        // Kestrel enforces the endpoint's MaxRequestBodySize while this copies, chunked or not; an oversize body throws
        // BadHttpRequestException, answered 413 by RequestBodyProblemsMiddleware.
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (JsonTextValidator.FindInvalidText(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } invalid)
        {
            await Problems.BadRequest("The body holds text that is not valid Unicode; nothing was done.", $"{invalid.Path}: {invalid.Message}",
                [new Problems.FieldError(invalid.Path, invalid.Message)]).ExecuteAsync(context);
            return;
        }
        context.Request.Body = new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false);
        await next(context);
    }

    private static bool HasBody(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);

    // Endpoints declare what they read with .Accepts(…, "application/json"); the request's own Content-Type is not
    // trusted for this, so a JSON body sent as text/plain is checked too.
    private static bool AcceptsJson(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
        && accepts.ContentTypes.Any(type => type.Contains("json", StringComparison.OrdinalIgnoreCase));
}
