using System.Globalization;

namespace LiveShop.Chat.Tests.Support;

/// <summary>The figures a <c>bench</c> verb prints, one <c>name: number</c> per line; a line that is not a number fails the parse.</summary>
internal static class BenchFigures
{
    public static Dictionary<string, double> Parse(string standardOutput) =>
        standardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
}
