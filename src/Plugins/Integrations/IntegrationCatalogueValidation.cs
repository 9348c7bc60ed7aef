using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveShop.Plugins.Integrations;

/// <summary>The integrations' settings (section <c>Integrations</c>) as options, so the host validates them when it starts.</summary>
public sealed class IntegrationCatalogueOptions
{
    /// <summary>The configuration the integrations are read from.</summary>
    public IConfiguration Configuration { get; set; } = new ConfigurationBuilder().Build();
}

/// <summary>
/// Checks <c>Integrations:*</c> against the catalogue when the host or a verb starts: one failure listing every problem
/// (the message of <see cref="IntegrationConfigurationException"/>), naming settings, never their values.
/// </summary>
public sealed class IntegrationCatalogueValidation : IValidateOptions<IntegrationCatalogueOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IntegrationCatalogueOptions options) =>
        IntegrationDirectory.FindProblems(options.Configuration) is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(new IntegrationConfigurationException(problems).Message)
            : ValidateOptionsResult.Success;
}
