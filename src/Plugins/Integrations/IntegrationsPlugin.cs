using LiveShop.Kernel.Actions.Definitions.Platform;
using System.ComponentModel;
using LiveShop.Kernel.Functions;
using LiveShop.Plugins.Functions;
using LiveShop.Plugins.Integrations.Connections;
using Microsoft.SemanticKernel;

namespace LiveShop.Plugins.Integrations;

/// <summary>The outside tools the business uses: which are sandbox and which are live, and connecting a configured one.</summary>
[Description("The business's external tools (Shopify, Stripe, ads platforms, …): which are live or sandbox, and connecting them.")]
public sealed class IntegrationsPlugin(IntegrationConnections connections)
{
    /// <summary>The plugin's name in every kernel.</summary>
    public const string Name = "Integrations";

    /// <summary>Every integration with its effective state and the setting names that make it live.</summary>
    [KernelFunction("list_integrations"), ReadOnlyFunction]
    [Description("Lists every integration by family with its state: Sandbox, Live (connected) or Live credentials awaiting connection, " +
                 "whether a real client exists, and the names of the settings that make it live.")]
    public async Task<string> ListIntegrationsAsync(CancellationToken cancellationToken = default)
    {
        var states = await connections.ListAsync(cancellationToken);
        return ModelText.Json(new
        {
            integrations = states.Select(s => new
            {
                id = s.Status.Id, name = s.Status.Descriptor.DisplayName, family = s.Status.Descriptor.Family.ToString(),
                state = s.Label, real_client = s.Status.Descriptor.HasRealClient,
                required_settings = s.Status.Descriptor.RequiredSettings.Select(r => $"{s.Status.Descriptor.ConfigurationSection}:{r}"),
            }),
            note = $"only integrations in state 'Live credentials awaiting connection' can be connected with {ConnectIntegrationAction.ActionName}",
        });
    }
}
