using System.CommandLine;
using System.Reflection;
using System.Runtime.Loader;

namespace LiveShop.Chat.Cli;

/// <summary>Verbs an assembly shipped beside the host adds to the command line (implemented by a public class with a parameterless constructor).</summary>
public interface ILiveShopVerbs
{
    /// <summary>The verbs to add to the root command.</summary>
    IEnumerable<Command> CreateVerbs();
}

/// <summary>
/// Loads the verbs that ship beside the host rather than inside it: the benchmarks (<c>bench …</c>) live in
/// LiveShop.Bench.Verbs.dll with their fake model server and load generators, so the product assembly carries none of
/// them. scripts/build.sh copies that assembly next to LiveShop.Chat.dll; without it <c>bench</c> says how to get it.
/// </summary>
internal static class BesideVerbs
{
    /// <summary>The assembly holding the benchmark verbs.</summary>
    public const string BenchAssembly = "LiveShop.Bench.Verbs";

    public static IEnumerable<Command> Create()
    {
        if (Load(BenchAssembly) is not { } assembly) return [MissingBench()];
        return assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILiveShopVerbs).IsAssignableFrom(t))
            .SelectMany(t => ((ILiveShopVerbs)Activator.CreateInstance(t)!).CreateVerbs());
    }

    private static Assembly? Load(string name)
    {
        try
        {
            // Referenced (the tests): the host's dependency list knows it.
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            // Copied beside a publish: not in the dependency list, so load it from the host's folder.
            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            return File.Exists(path) ? AssemblyLoadContext.Default.LoadFromAssemblyPath(path) : null;
        }
    }

    private static Command MissingBench()
    {
        var bench = new Command("bench", "Measure performance (needs LiveShop.Bench.Verbs.dll beside the host; scripts/build.sh puts it there).");
        bench.SetAction(result =>
        {
            result.Error().WriteLine($"liveshop: the benchmarks ship in {BenchAssembly}.dll beside the host, which is missing; scripts/build.sh builds it");
            return 1;
        });
        return bench;
    }
}
