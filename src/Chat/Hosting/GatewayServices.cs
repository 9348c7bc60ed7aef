using LiveShop.Kernel;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Gateway;

namespace LiveShop.Chat.Hosting;

/// <summary>The host's part of the Kernel: its options, bound and validated at start, and where its policy and signing key come from.</summary>
public static class GatewayServices
{
    /// <summary>Binds the gateway and approval options and adds the Kernel (<see cref="KernelServices.AddLiveShopKernel"/>).</summary>
    public static IServiceCollection AddKernelForHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.Section))
            .Validate(o => o.Expiry > TimeSpan.Zero, $"{ApprovalOptions.Section}:{nameof(ApprovalOptions.Expiry)} must be a positive duration")
            .ValidateOnStart();
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.Section))
            .Validate(o => o.ClaimLease > TimeSpan.Zero, $"{GatewayOptions.Section}:{nameof(GatewayOptions.ClaimLease)} must be a positive duration")
            .Validate(o => o.LimitLockWait > TimeSpan.Zero, $"{GatewayOptions.Section}:{nameof(GatewayOptions.LimitLockWait)} must be a positive duration")
            .ValidateOnStart();
        return services.AddLiveShopKernel(new KernelSetup(
            () => VerificationSetup.LoadPolicy(configuration),
            sp => VerificationSetup.CreateSigner(configuration, sp.GetRequiredService<TimeProvider>()),
            FailOnUndeclaredFunctions: IsDevelopment(configuration)));
    }

    private static bool IsDevelopment(IConfiguration configuration) =>
        string.Equals(configuration[HostDefaults.EnvironmentKey] ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"), Environments.Development, StringComparison.OrdinalIgnoreCase);
}
