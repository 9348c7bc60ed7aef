using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Chat.Hosting.Requests;

/// <summary>Wires the request-body limits and checks into the host.</summary>
public static class RequestHygieneExtensions
{
    /// <summary>The global body limit from <c>Http:MaxRequestBodyBytes</c>, enforced by Kestrel while bodies are read.</summary>
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RequestLimitsOptions.Section).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        if (limits.MaxRequestBodyBytes <= 0)
            throw new InvalidOperationException($"{RequestLimitsOptions.Section}:MaxRequestBodyBytes must be a positive number of bytes");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>413 and 400 problems for bodies the server refuses while reading them; place it early.</summary>
    public static IApplicationBuilder UseRequestBodyProblems(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyProblemsMiddleware>();

    /// <summary>Valid Unicode text only in JSON bodies; place it after authentication and authorization.</summary>
    public static IApplicationBuilder UseJsonBodyTextCheck(this IApplicationBuilder app) => app.UseMiddleware<JsonBodyTextMiddleware>();

    /// <summary>This endpoint's own body limit (bytes), applied by routing before the body is read; it holds for chunked bodies too.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
}
