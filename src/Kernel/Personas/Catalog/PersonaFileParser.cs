using System.Text.RegularExpressions;
using LiveShop.Kernel.Verification;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LiveShop.Kernel.Personas.Catalog;

/// <summary>Parses one persona file (YAML front matter between <c>---</c> lines, then the system prompt) and collects every problem.</summary>
internal static partial class PersonaFileParser
{
    private static readonly string[] RequiredKeys =
        ["name", "display_name", "group", "role", "goals", "tone", "functions", "max_risk", "intents", "examples"];

    private const int MinExamples = 3;
    private const int MaxExamples = 6;

    public static Persona? Parse(
        string file, string text, IReadOnlyDictionary<string, string> fragments,
        IReadOnlySet<string>? knownFunctions, List<string> errors)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            errors.Add($"{file}:1: a persona file must start with '---' and YAML front matter");
            return null;
        }
        var close = Array.FindIndex(lines, 1, line => line.Trim() == "---");
        if (close < 0)
        {
            errors.Add($"{file}:1: the front matter opened on line 1 is never closed with '---'");
            return null;
        }

        YamlMappingNode mapping;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(string.Join('\n', lines[1..close])));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                errors.Add($"{file}:2: the front matter must be one YAML mapping of keys");
                return null;
            }
            mapping = root;
        }
        catch (YamlException e)
        {
            errors.Add($"{file}:{e.Start.Line + 1}: invalid YAML front matter: {e.Message}");
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some malformed flow collections this way, without a position.
            errors.Add($"{file}:2: invalid YAML front matter: {e.Message}");
            return null;
        }

        var front = new FrontMatter(file, mapping, errors);
        front.RejectUnknownKeys(RequiredKeys);

        var name = front.Text("name");
        var stem = Path.GetFileNameWithoutExtension(file);
        if (name is not null && !SnakeCase().IsMatch(name))
            front.ErrorAt("name", $"name '{name}' must be snake_case (lowercase letters, digits and single underscores)");
        else if (name is not null && name != stem)
            front.ErrorAt("name", $"name '{name}' must equal the file name stem '{stem}'");

        var groupText = front.Text("group");
        var group = PersonaGroup.Executive;
        if (groupText is not null && !PersonaGroups.TryParse(groupText, out group))
            front.ErrorAt("group", $"unknown group '{groupText}'; expected one of {string.Join(", ", PersonaGroups.Names)}");

        var riskText = front.Text("max_risk");
        var maxRisk = RiskLevel.L0;
        if (riskText is not null && !TryParseRisk(riskText, out maxRisk))
            front.ErrorAt("max_risk", $"max_risk '{riskText}' must be one of L0, L1, L2, L3");

        var role = front.Text("role");
        if (role is not null && role.Contains('\n'))
            front.ErrorAt("role", "role must be one line");

        var functions = front.List("functions");
        if (functions is not null)
            CheckFunctions(front, functions, knownFunctions);

        var examples = front.List("examples");
        if (examples is not null && examples.Count is < MinExamples or > MaxExamples)
            front.ErrorAt("examples", $"examples must hold {MinExamples} to {MaxExamples} requests, found {examples.Count}");

        var displayName = front.Text("display_name");
        var tone = front.Text("tone");
        var goals = front.List("goals");
        var intents = front.List("intents");
        var systemPrompt = ResolveBody(file, lines, close, fragments, errors);

        if (errors.Count > 0 || name is null || displayName is null || role is null || tone is null
            || goals is null || functions is null || intents is null || examples is null || systemPrompt is null)
            return null;

        return new Persona
        {
            Name = name,
            DisplayName = displayName,
            Group = group,
            Role = role,
            Goals = goals,
            Tone = tone,
            Functions = new SortedSet<string>(functions, StringComparer.Ordinal),
            MaxRisk = maxRisk,
            Intents = intents,
            Examples = examples,
            SystemPrompt = systemPrompt,
            SourceFile = file,
        };
    }

    private static void CheckFunctions(FrontMatter front, IReadOnlyList<string> functions, IReadOnlySet<string>? knownFunctions)
    {
        foreach (var duplicate in functions.GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1))
            front.ErrorAt("functions", $"function '{duplicate.Key}' is listed more than once");
        foreach (var function in functions)
        {
            if (!SnakeCase().IsMatch(function))
                front.ErrorAt("functions", $"function '{function}' must be a snake_case function name");
            else if (knownFunctions is not null && !knownFunctions.Contains(function))
                front.ErrorAt("functions", $"unknown function '{function}': no plugin registers it");
        }
    }

    private static string? ResolveBody(string file, string[] lines, int close, IReadOnlyDictionary<string, string> fragments, List<string> errors)
    {
        var bodyLines = lines[(close + 1)..];
        var leadingBlank = bodyLines.TakeWhile(string.IsNullOrWhiteSpace).Count();
        // 1-based file line of the body's first non-blank line: lines[close + 1] is file line close + 2.
        var bodyFirstLine = close + 2 + leadingBlank;
        var body = string.Join('\n', bodyLines[leadingBlank..]).TrimEnd();
        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add($"{file}:{close + 1}: the system prompt (the Markdown after the front matter) is empty");
            return null;
        }
        var failed = false;
        var resolved = FragmentDirective.Pattern.Replace(body, match =>
        {
            var fragmentName = match.Groups["name"].Value;
            if (fragments.TryGetValue(fragmentName, out var fragment))
                return fragment;
            var line = bodyFirstLine + PersonaCatalogLoader.LineOf(body, match.Index) - 1;
            var known = fragments.Count == 0 ? "none" : string.Join(", ", fragments.Keys.Order(StringComparer.Ordinal));
            errors.Add($"{file}:{line}: unknown shared fragment '{fragmentName}' in '{match.Value}'; known fragments: {known}");
            failed = true;
            return match.Value;
        });
        return failed ? null : resolved.Trim();
    }

    private static bool TryParseRisk(string text, out RiskLevel risk)
    {
        risk = text switch { "L0" => RiskLevel.L0, "L1" => RiskLevel.L1, "L2" => RiskLevel.L2, "L3" => RiskLevel.L3, _ => (RiskLevel)(-1) };
        return (int)risk >= 0;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    internal static partial Regex SnakeCase();
}
