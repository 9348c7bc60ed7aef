using System.CommandLine;

namespace LiveShop.Chat.Cli;

/// <summary>The writers a verb prints to, taken from the invocation so tests can capture them.</summary>
internal static class CliOutput
{
    public static TextWriter Out(this ParseResult result) => result.InvocationConfiguration.Output;

    public static TextWriter Error(this ParseResult result) => result.InvocationConfiguration.Error;
}
