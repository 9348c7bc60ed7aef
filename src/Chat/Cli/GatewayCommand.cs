using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Gateway;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary><c>gateway stuck</c>: executions claimed but never completed within the lease (their host stopped mid-execution).</summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var gateway = new Command("gateway", "Inspect the tool gateway's executions.");
        var stuck = new Command("stuck",
            "Executions left in progress past the claim lease (Gateway:ClaimLease); the next submit of the same idempotency key re-claims and finishes each.");
        stuck.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var services = host.Services;
            var tool = services.GetRequiredService<ToolGateway>();
            var stale = await tool.StaleClaimsAsync(cancellationToken);
            result.Out().WriteLine(JsonSerializer.Serialize(new { LeaseSeconds = tool.ClaimLease.TotalSeconds, Stuck = stale }, JsonDefaults.Options));
            return 0;
        });
        gateway.Add(stuck);
        return gateway;
    }
}
