using System.Text.RegularExpressions;
using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification;
using LiveShop.Memory.Events;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Actions;

/// <summary>Each action is one definition, and everything that used to keep its own list agrees with the definitions.</summary>
public sealed class ActionDefinitionTests
{
    private static readonly BusinessPolicy Policy = PolicyLoader.LoadDefault();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(TestCluster.RepositoryRoot, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void The_catalogue_finds_every_definition_once_under_its_own_name()
    {
        Assert.Equal(ActionCatalog.All.Count, ActionCatalog.All.Select(d => d.Name).Distinct().Count());
        Assert.Contains(ActionCatalog.All, d => d.Name == "refund_order");
        Assert.All(ActionCatalog.All, d => Assert.Same(d, ActionCatalog.Find(d.Name)));
        Assert.Null(ActionCatalog.Find("launch_rocket"));
    }

    [Fact]
    public void The_literal_name_of_an_action_appears_only_in_its_definition_and_at_most_one_other_source_file()
    {
        var files = SourceFiles().ToDictionary(f => f, File.ReadAllText);
        foreach (var definition in ActionCatalog.All)
        {
            // A snake_case name is counted wherever it appears; a one-word name ("remember") only as a string literal.
            var pattern = definition.Name.Contains('_', StringComparison.Ordinal)
                ? new Regex($@"(?<![A-Za-z0-9_]){definition.Name}(?![A-Za-z0-9_])")
                : new Regex($"\"{definition.Name}\"");
            var holding = files.Where(f => pattern.IsMatch(f.Value)).Select(f => Path.GetRelativePath(TestCluster.RepositoryRoot, f.Key)).ToList();
            Assert.True(holding.Count <= 2, $"{definition.Name} is written out in {string.Join(", ", holding)}");
            Assert.Contains(holding, f => f.Contains("Actions/Definitions", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_definition_is_known_to_the_verifier_under_the_default_policy_within_its_declared_risk()
    {
        foreach (var definition in ActionCatalog.All)
        {
            var fixedClass = Policy.Risk.L3Actions.Contains(definition.Name) ? RiskLevel.L3
                : Policy.Risk.L2Actions.Contains(definition.Name) ? RiskLevel.L2
                : Policy.Risk.L1Actions.Contains(definition.Name) ? RiskLevel.L1
                : Policy.Risk.L0Actions.Contains(definition.Name) ? RiskLevel.L0 : (RiskLevel?)null;
            Assert.True(fixedClass is not null || definition.HasRules, $"{definition.Name} has neither rules nor a class in the policy: the verifier would deny it");
            Assert.True(definition.RiskFloor <= definition.RiskCeiling, $"{definition.Name}: floor above ceiling");
            Assert.True((fixedClass ?? RiskLevel.L0) <= definition.RiskCeiling,
                $"{definition.Name}: the policy fixes {fixedClass}, above the declared ceiling {definition.RiskCeiling}");
        }
    }

    [Fact]
    public void Every_required_parameter_has_a_model_facing_argument_and_undo_names_a_defined_action()
    {
        foreach (var definition in ActionCatalog.All)
        {
            foreach (var parameter in definition.Parameters.Where(p => p.Required))
                Assert.Contains(definition.Arguments, a => a.Name == parameter.Name && a.Required);
            Assert.Equal(definition.Arguments.Count, definition.Arguments.Select(a => a.Name).Distinct().Count());
            if (definition.UndoneBy is { } undo) Assert.NotNull(ActionCatalog.Find(undo));
            else Assert.False(string.IsNullOrWhiteSpace(definition.IrreversibleBecause));
        }
    }

    [Fact]
    public void Every_event_an_action_writes_is_in_the_event_catalogue()
    {
        foreach (var definition in ActionCatalog.All)
            foreach (var type in definition.Writes)
                Assert.True(EventCatalogue.TryGet(type, out _), $"{definition.Name} writes {type}, which the event catalogue does not define");
    }

    [Fact]
    public void The_actions_table_of_the_plugin_guide_is_the_catalogue()
    {
        AssertDocumentHolds("docs/plugins.md", ActionDocumentation.ActionsTable());
    }

    [Fact]
    public void The_events_table_of_the_event_guide_is_the_catalogue()
    {
        AssertDocumentHolds("docs/events.md", ActionDocumentation.EventsTable());
    }

    private static void AssertDocumentHolds(string document, string table)
    {
        var text = File.ReadAllText(Path.Combine(TestCluster.RepositoryRoot, document)).ReplaceLineEndings("\n");
        Assert.True(text.Contains(table, StringComparison.Ordinal), $"{document} must contain, exactly, the table generated from the definitions:\n\n{table}");
    }
}
