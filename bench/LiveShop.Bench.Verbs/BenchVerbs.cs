using System.CommandLine;
using LiveShop.Bench.Verbs.Cli;
using LiveShop.Chat.Cli;

namespace LiveShop.Bench.Verbs;

/// <summary>The benchmark verbs the host loads from this assembly when it ships beside it.</summary>
public sealed class BenchVerbs : ILiveShopVerbs
{
    /// <inheritdoc />
    public IEnumerable<Command> CreateVerbs() => [BenchCommand.Create()];
}
