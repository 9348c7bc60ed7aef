using LiveShop.Kernel.Actions;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Functions;

/// <summary>A plugin object to expose to personas under <see cref="Name"/> (the <c>Plugin</c> of <c>Plugin-function</c>).</summary>
public sealed record PluginRegistration(string Name, object Instance);

/// <summary>How strictly the kernel factory treats plugin functions without a valid declaration.</summary>
public sealed record KernelFactoryOptions
{
    /// <summary>Throw at start-up when a function is undeclared (development); otherwise log an error and refuse it at call time.</summary>
    public bool FailOnUndeclaredFunctions { get; init; } = true;

    /// <summary>End an automatic function-calling turn once an action waits for approval.</summary>
    public bool TerminateWhenAwaitingApproval { get; init; } = true;
}

/// <summary>Thrown at start-up when plugin functions have no valid declaration.</summary>
public sealed class FunctionDeclarationException(IReadOnlyList<DeclarationProblem> problems)
    : InvalidOperationException("plugin functions without a valid declaration: " + string.Join("; ", problems))
{
    /// <summary>Every function at fault.</summary>
    public IReadOnlyList<DeclarationProblem> Problems { get; } = problems;
}

/// <summary>
/// Builds the Semantic Kernel <c>Kernel</c> of a persona: only the plugins (and functions) the persona may call, its
/// identity in the kernel data, and the <see cref="ProofFilter"/> on every kernel. Reads every plugin's declarations
/// once and validates them at construction.
/// </summary>
public sealed class KernelFactory
{
    private readonly PersonaFunctionPolicy _personas;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KernelPlugin[]> _pluginsByPersona = new(StringComparer.Ordinal);

    /// <summary>Wraps the plugins, reads and validates their declarations and creates the proof filter.</summary>
    public KernelFactory(
        IEnumerable<PluginRegistration> plugins,
        PersonaFunctionPolicy personas,
        IActionPipeline pipeline,
        IFunctionAudit audit,
        ILoggerFactory loggerFactory,
        KernelFactoryOptions? options = null)
    {
        options ??= new KernelFactoryOptions();
        _personas = personas;
        Plugins = plugins.Select(p => WorldActionFunctions.PluginOf(p, loggerFactory)).ToArray();
        Declarations = FunctionDeclarationRegistry.Build(Plugins);
        if (Declarations.Problems.Count > 0)
        {
            var problem = new FunctionDeclarationException(Declarations.Problems);
            if (options.FailOnUndeclaredFunctions) throw problem;
            loggerFactory.CreateLogger<KernelFactory>().LogError("{Problem} — these functions will be refused at call time", problem.Message);
        }
        Filter = new ProofFilter(Declarations, personas, pipeline, audit, loggerFactory.CreateLogger<ProofFilter>(), options.TerminateWhenAwaitingApproval);
    }

    /// <summary>Every registered plugin, as Semantic Kernel sees it.</summary>
    public IReadOnlyList<KernelPlugin> Plugins { get; }

    /// <summary>The declarations read from the plugins.</summary>
    public FunctionDeclarationRegistry Declarations { get; }

    /// <summary>The filter registered on every kernel.</summary>
    public ProofFilter Filter { get; }

    /// <summary>
    /// A new kernel for <paramref name="persona"/> acting for <paramref name="requestedBy"/> (default <c>agent:persona</c>);
    /// <paramref name="services"/> supplies the chat completion service and the like; <paramref name="onlyFunctions"/>, when
    /// given, narrows the persona's functions further (a task holds only the tools it was planned with);
    /// <paramref name="mayRead"/>, when given, drops the read-only functions the person acted for may not read (their role).
    /// </summary>
    public Microsoft.SemanticKernel.Kernel CreateForPersona(string persona, string? requestedBy = null, IServiceProvider? services = null, string? onBehalfOf = null,
        IReadOnlyCollection<string>? onlyFunctions = null, Func<string, bool>? mayRead = null)
    {
        if (!_personas.Personas.Contains(persona, StringComparer.Ordinal))
            throw new ArgumentException($"unknown persona '{persona}'", nameof(persona));

        var kernel = new Microsoft.SemanticKernel.Kernel(services);
        foreach (var plugin in _pluginsByPersona.GetOrAdd(persona, PluginsOf))
        {
            if (onlyFunctions is null && mayRead is null)
            {
                kernel.Plugins.Add(plugin);
                continue;
            }
            var wanted = plugin.Where(f => (onlyFunctions is null || onlyFunctions.Contains(f.Name))
                && (mayRead is null || !IsReadOnly(plugin.Name, f.Name) || mayRead(f.Name))).ToArray();
            if (wanted.Length == plugin.FunctionCount) kernel.Plugins.Add(plugin);
            else if (wanted.Length > 0) kernel.Plugins.Add(KernelPluginFactory.CreateFromFunctions(plugin.Name, plugin.Description, wanted));
        }
        AttachTo(kernel, new CallerIdentity { Persona = persona, RequestedBy = requestedBy ?? $"agent:{persona}", OnBehalfOf = onBehalfOf });
        return kernel;
    }

    private bool IsReadOnly(string plugin, string function) =>
        Declarations.TryGet(plugin, function, out var declaration) && declaration.Kind == FunctionKind.ReadOnly;

    // A persona's plugins (only its allowed functions) are immutable: built once, shared by every kernel of the persona.
    private KernelPlugin[] PluginsOf(string persona)
    {
        var plugins = new List<KernelPlugin>();
        foreach (var plugin in Plugins)
        {
            var allowed = plugin.Where(f => _personas.IsAllowed(persona, plugin.Name, f.Name)).ToArray();
            if (allowed.Length == 0) continue;
            plugins.Add(allowed.Length == plugin.FunctionCount
                ? plugin
                : KernelPluginFactory.CreateFromFunctions(plugin.Name, plugin.Description, allowed));
        }
        return [.. plugins];
    }

    /// <summary>Gives an existing kernel the caller identity, a fresh call journal and the proof filter.</summary>
    public void AttachTo(Microsoft.SemanticKernel.Kernel kernel, CallerIdentity caller)
    {
        caller.StoreIn(kernel);
        kernel.Data[FunctionCallJournal.DataKey] = new FunctionCallJournal();
        if (!kernel.FunctionInvocationFilters.Contains(Filter)) kernel.FunctionInvocationFilters.Add(Filter);
        if (!kernel.AutoFunctionInvocationFilters.Contains(Filter)) kernel.AutoFunctionInvocationFilters.Add(Filter);
    }
}
