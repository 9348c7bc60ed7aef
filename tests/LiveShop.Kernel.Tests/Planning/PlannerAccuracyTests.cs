using System.Globalization;
using System.Text.Json;
using LiveShop.Kernel.Planning.Offline;
using LiveShop.Memory.Knowledge.Embeddings;
using Xunit.Abstractions;

namespace LiveShop.Kernel.Tests.Planning;

/// <summary>One labelled request: the function and arguments expected, or "clarify" for a deliberately incomplete one.</summary>
public sealed record LabelledUtterance(string Text, string Function, Dictionary<string, JsonElement>? Arguments);

public sealed class PlannerAccuracyTests(PlannerBusiness business, ITestOutputHelper output) : IClassFixture<PlannerBusiness>
{
    public const double RequiredAccuracy = 0.95;

    [Fact]
    public async Task Planner_chooses_function_and_arguments_exactly_for_at_least_95_percent_of_the_labelled_set()
    {
        var set = JsonSerializer.Deserialize<LabelledUtterance[]>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Planning", "planner-utterances.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.True(set.Length >= 60, $"the labelled set has only {set.Length} utterances");

        var functions = new PlannerHarness(business).KernelFor().Plugins.SelectMany(p => p).ToArray();
        var planner = new OfflinePlanner(LocalMiniLmEmbedder.Shared);
        var correct = 0;
        foreach (var utterance in set)
        {
            var decision = await planner.PlanAsync(utterance.Text, functions);
            var (ok, got) = Judge(utterance, decision);
            if (ok) correct++;
            else output.WriteLine($"MISS  {utterance.Text}\n      expected {utterance.Function} {Show(utterance.Arguments)}\n      got      {got}\n      ranking  {string.Join(", ", decision.Ranking.Take(3).Select(r => $"{r.Function.Name} {r.Score:F3} (sim {r.Similarity:F3})"))}");
        }

        var accuracy = (double)correct / set.Length;
        output.WriteLine($"offline planner accuracy: {correct}/{set.Length} = {accuracy:P1}");
        Console.WriteLine($"offline planner accuracy: {correct}/{set.Length} = {accuracy:P1}");
        Assert.True(accuracy >= RequiredAccuracy, $"accuracy {accuracy:P1} below {RequiredAccuracy:P0}");
    }

    private static (bool Ok, string Got) Judge(LabelledUtterance expected, PlannerDecision decision)
    {
        if (!decision.IsCall) return (expected.Function == "clarify", $"clarify: {decision.Question}");
        var got = $"{decision.Function!.Name} {string.Join(", ", decision.Arguments.Select(a => $"{a.Key}={Convert.ToString(a.Value, CultureInfo.InvariantCulture)}"))}";
        if (expected.Function != decision.Function.Name) return (false, got);
        var wanted = expected.Arguments ?? [];
        if (wanted.Count != decision.Arguments.Count) return (false, got);
        foreach (var (name, value) in wanted)
        {
            if (!decision.Arguments.TryGetValue(name, out var actual)) return (false, got);
            var same = value.ValueKind == JsonValueKind.Number
                ? actual is decimal or int or long or double && Convert.ToDecimal(actual, CultureInfo.InvariantCulture) == value.GetDecimal()
                : actual is string text && string.Equals(text.Trim(), value.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase);
            if (!same) return (false, got);
        }
        return (true, got);
    }

    private static string Show(Dictionary<string, JsonElement>? arguments) =>
        arguments is null ? "" : string.Join(", ", arguments.Select(a => $"{a.Key}={a.Value}"));
}
