using System.Reflection;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Gateway;

namespace LiveShop.Plugins.Sandbox.Actions;

/// <summary>
/// Every sandbox executor: each executor class of this assembly that works on the <see cref="BusinessUnitOfWork"/> (its
/// constructor takes only that), and one <see cref="RecordOnlyExecutor"/> per work product, so adding an action's sandbox
/// executor is adding its class and nothing else.
/// </summary>
public static class SandboxExecutors
{
    private static readonly ConstructorInfo[] Constructors =
    [
        .. typeof(SandboxExecutors).Assembly.GetTypes()
            .Where(t => typeof(IActionExecutor).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => t.GetConstructor([typeof(BusinessUnitOfWork)]))
            .OfType<ConstructorInfo>()
            .OrderBy(c => c.DeclaringType!.Name, StringComparer.Ordinal),
    ];

    /// <summary>Creates the sandbox executors over one sandbox business.</summary>
    public static IReadOnlyList<IActionExecutor> Create(BusinessUnitOfWork business) =>
    [
        .. Constructors.Select(c => (IActionExecutor)c.Invoke([business])),
        .. RecordOnlyExecutor.Actions.Select(a => new RecordOnlyExecutor(a)),
    ];
}
