namespace LiveShop.Chat.Access;

/// <summary>Refuses an HTTP endpoint with 403 problem+json, naming the role and the operation, when the caller's role may not do the operation.</summary>
public static class ConsoleOperationEndpoints
{
    /// <summary>Adds the role check for <paramref name="operation"/> (a <see cref="Kernel.Policies.ConsoleOperations"/> name) in front of the endpoint.</summary>
    public static TBuilder RequireConsoleOperation<TBuilder>(this TBuilder builder, string operation) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var permissions = http.RequestServices.GetRequiredService<ConsolePermissions>();
            if (await permissions.RefusalAsync(http.User, operation, http.RequestAborted) is not { } refusal) return await next(context);
            return TypedResults.Problem(title: "Your role does not allow this; nothing was done.", detail: refusal,
                statusCode: StatusCodes.Status403Forbidden, type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.4");
        });
}
