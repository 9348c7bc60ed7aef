using LiveShop.Chat.Access;
using LiveShop.Kernel.Policies;
using System.Security.Claims;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Knowledge.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Chat.Api;

/// <summary>
/// <c>/api/knowledge/uploads</c>: add a document to the knowledge base (the raw file as the body, its name in
/// <c>?file_name=</c>), answered at once with 202 and the queued ingestion; its progress is read back until it is
/// ready or failed. Larger than <c>Knowledge:MaxUploadBytes</c> → 413 problem+json, also for a chunked body.
/// </summary>
public static class KnowledgeApi
{
    /// <summary>The progress of one upload as the API answers it.</summary>
    public sealed record UploadProgress(Guid Id, string FileName, string Status, int ChunksEmbedded, int ChunksTotal, long SizeBytes,
        string? Detail, Guid? DocumentId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        internal static UploadProgress Of(IngestionProgress p) =>
            new(p.Id, p.FileName, p.StatusCode, p.ChunksEmbedded, p.ChunksTotal, p.SizeBytes, p.Detail, p.DocumentId, p.CreatedAt, p.UpdatedAt);
    }

    public static IEndpointRouteBuilder MapKnowledgeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/knowledge/uploads");
        group.MapPost("", UploadAsync).WithName("UploadKnowledge")
            .WithSummary("Queue a Markdown, text or PDF file for the knowledge base; embedded in the background.")
            .DisableAntiforgery()
            // Roles granted knowledge_add by the policy's roles: section; every signed-in user may read the progress.
            .RequireConsoleOperation(ConsoleOperations.KnowledgeAdd)
            // Not the host's default body limit: the upload counts its bytes against Knowledge:MaxUploadBytes as it reads.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute());
        group.MapGet("", ListAsync).WithName("KnowledgeUploads").WithSummary("Uploads in progress and the most recent finished ones.");
        group.MapGet("/{id:guid}", GetAsync).WithName("KnowledgeUpload").WithSummary("One upload's status and chunks embedded of total.");
        return endpoints;
    }

    private static async Task<Results<Accepted<UploadProgress>, ProblemHttpResult>> UploadAsync(
        HttpContext http, KnowledgeUploads uploads, ClaimsPrincipal user, string? file_name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(file_name))
            return Problems.BadRequest("file_name is required", "name the file in ?file_name=, e.g. returns-policy.md",
                [new Problems.FieldError("file_name", "required, with a .md, .markdown, .txt or .pdf extension")]);
        // A declared length over the limit is refused before a byte is read; a chunked body is counted as it is read.
        if (http.Request.ContentLength is { } length && uploads.Options.RefusalFor(file_name, length) is { } early)
            return TooLarge(early);
        var result = await uploads.AddAsync(file_name, http.Request.Body, user.Identity?.Name, cancellationToken);
        if (result.Ingestion is { } queued)
            return TypedResults.Accepted($"/api/knowledge/uploads/{queued.Id}", UploadProgress.Of(queued));
        return result.TooLarge ? TooLarge(result.Refusal!)
            : Problems.BadRequest("unsupported file", result.Refusal!, [new Problems.FieldError("file_name", result.Refusal!)]);
    }

    private static async Task<Ok<UploadProgress[]>> ListAsync(KnowledgeIngestionQueue queue, CancellationToken cancellationToken) =>
        TypedResults.Ok((await queue.ListAsync(cancellationToken: cancellationToken)).Select(UploadProgress.Of).ToArray());

    private static async Task<Results<Ok<UploadProgress>, NotFound>> GetAsync(Guid id, KnowledgeIngestionQueue queue, CancellationToken cancellationToken) =>
        await queue.GetAsync(id, cancellationToken) is { } found ? TypedResults.Ok(UploadProgress.Of(found)) : TypedResults.NotFound();

    private static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(title: "file too large", detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge,
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.14",
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { field = "body", message = detail } } });
}
