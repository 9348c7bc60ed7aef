using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Functions;

/// <summary>
/// Who is calling through a kernel: the persona and the principal the persona acts for. It lives in the kernel's data,
/// set by <see cref="KernelFactory"/>, never in the function arguments, because the model writes the arguments.
/// </summary>
public sealed record CallerIdentity
{
    /// <summary>Key of the identity in <see cref="Microsoft.SemanticKernel.Kernel.Data"/>.</summary>
    public const string DataKey = "liveshop.caller";

    /// <summary>The persona, e.g. <c>ads_optimizer</c>; the packet's <c>agent</c>.</summary>
    public required string Persona { get; init; }

    /// <summary>The principal that proposes, normally <c>agent:{persona}</c>; the packet's <c>requested_by</c>.</summary>
    public required string RequestedBy { get; init; }

    /// <summary>The person the persona acts for (the conversation's user); the packet's <c>on_behalf_of</c>.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>The identity stored in a kernel, or null when the kernel carries none.</summary>
    public static CallerIdentity? Of(Microsoft.SemanticKernel.Kernel kernel) =>
        kernel.Data.TryGetValue(DataKey, out var value) ? value as CallerIdentity : null;

    /// <summary>Stores the identity in a kernel's data.</summary>
    public void StoreIn(Microsoft.SemanticKernel.Kernel kernel) => kernel.Data[DataKey] = this;
}
