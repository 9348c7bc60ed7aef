using LiveShop.Kernel.Functions;

namespace LiveShop.Kernel.Tests.Functions;

/// <summary>A kernel factory over the test plugins with a recording pipeline and audit.</summary>
public sealed class FilterHarness
{
    public const string Cfo = "cfo";
    public const string SupportLead = "support_lead";

    public FilterHarness(bool withRogue = false, KernelFactoryOptions? options = null)
    {
        var plugins = new List<PluginRegistration> { new("Shop", Shop) };
        if (withRogue) plugins.Add(new("Rogue", Rogue));
        Factory = new KernelFactory(plugins, Personas, Pipeline, Audit, Logs, options);
    }

    public ShopPlugin Shop { get; } = new();

    public RoguePlugin Rogue { get; } = new();

    public RecordingActionPipeline Pipeline { get; } = new();

    public RecordingFunctionAudit Audit { get; } = new();

    public ListLoggerFactory Logs { get; } = new();

    public PersonaFunctionPolicy Personas { get; } = new(new Dictionary<string, IReadOnlyCollection<string>>
    {
        [Cfo] = ["Shop", "Rogue"],
        [SupportLead] = ["Shop-get_order"],
    });

    public KernelFactory Factory { get; }

    public Microsoft.SemanticKernel.Kernel KernelFor(string persona = Cfo, string? requestedBy = null) =>
        Factory.CreateForPersona(persona, requestedBy);
}
