using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Gateway;

/// <summary>An executor that only counts how often the gateway let it run.</summary>
internal sealed class CountingExecutor(string action) : IActionExecutor
{
    private int _runs;

    public string Action { get; } = action;

    public int Runs => Volatile.Read(ref _runs);

    public async Task<ExecutionResult> ExecuteAsync(ActionPacket packet, CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _runs);
        await Task.Delay(20, cancellationToken); // long enough for duplicates to arrive while it runs
        return new ExecutionResult { ConnectorReference = $"{Action}#{run}", Summary = $"{Action} ran", IrreversibleBecause = "test" };
    }
}
