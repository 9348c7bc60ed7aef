namespace LiveShop.Plugins.Commerce.Shopify;

/// <summary>Shopify refused or failed a request (an HTTP error, a GraphQL error, or throttling that did not clear).</summary>
public class ShopifyApiException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A mutation was understood but rejected with <c>userErrors</c> (an invalid price, an over-refund). Retrying the same
/// input cannot succeed, so it is never retried.
/// </summary>
public sealed class ShopifyUserErrorsException(string operation, IReadOnlyList<ShopifyUserError> errors)
    : ShopifyApiException($"Shopify rejected {operation}: {string.Join("; ", errors.Select(e => e.ToString()))}")
{
    /// <summary>The errors as Shopify returned them.</summary>
    public IReadOnlyList<ShopifyUserError> Errors { get; } = errors;
}

/// <summary>One entry of a mutation's <c>userErrors</c>.</summary>
public sealed record ShopifyUserError(string Message, IReadOnlyList<string> Field, string? Code)
{
    /// <inheritdoc />
    public override string ToString() => Field.Count == 0 ? Message : $"{string.Join('.', Field)}: {Message}";
}
