using LiveShop.Kernel.Gateway;

namespace LiveShop.Plugins.Sandbox.Actions;

/// <summary>Every sandbox executor, one per action of the contract, for registration in one place.</summary>
public static class SandboxExecutors
{
    /// <summary>Creates the sandbox executors over one sandbox business.</summary>
    public static IReadOnlyList<IActionExecutor> Create(SandboxBusiness business) =>
    [
        new RefundOrderExecutor(business),
        new ScaleAdSetExecutor(business),
        new PauseAdSetExecutor(business),
        new ChangePriceExecutor(business),
        new PublishListingExecutor(business),
        new ReorderStockExecutor(business),
        new FulfillOrderExecutor(business),
        new PaySupplierExecutor(business),
        new PayCreatorExecutor(business),
        new RespondTicketExecutor(business),
        .. RecordOnlyExecutor.Actions.Select(a => new RecordOnlyExecutor(a)),
    ];
}
