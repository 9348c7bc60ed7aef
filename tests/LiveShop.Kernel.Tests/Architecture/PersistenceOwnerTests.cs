using System.Text.RegularExpressions;
using LiveShop.Testing;

namespace LiveShop.Kernel.Tests.Architecture;

/// <summary>
/// Each platform table has one owner in <c>src/</c>: only that file reads or writes it, by SQL or through its DbSet, so
/// EF and raw SQL are never mixed on one table by two classes and a table's rules (transitions, locks) live in one place.
/// </summary>
public sealed partial class PersistenceOwnerTests
{
    private static readonly IReadOnlyDictionary<string, string> Owners = new Dictionary<string, string>
    {
        ["approvals"] = "src/Kernel/Approvals/ApprovalStore.cs",
        ["gateway_executions"] = "src/Kernel/Gateway/GatewayExecutions.cs",
        ["decision_log"] = "src/Kernel/Gateway/DecisionLog.cs",
        ["alerts"] = "src/Kernel/Automation/Alerts/AlertStore.cs",
        ["conversations"] = "src/Kernel/Orchestration/ConversationStore.cs",
        ["conversation_messages"] = "src/Kernel/Orchestration/ConversationStore.cs",
        ["chat_user_links"] = "src/Chat/Messaging/Linking/ChatUserLinks.cs",
        ["chat_link_codes"] = "src/Chat/Messaging/Linking/ChatUserLinks.cs",
        ["chat_inbound_deliveries"] = "src/Chat/Messaging/InboundDeliveries.cs",
        ["approval_card_posts"] = "src/Chat/Messaging/Surfaces/ApprovalCardPosts.cs",
        ["autonomy_state"] = "src/Kernel/Automation/AutonomySwitch.cs",
        ["metric_series"] = "src/Memory/Metrics/Store/MetricSeriesTable.cs",
        ["event_subscriptions"] = "src/Memory/Events/Subscriptions/SubscriptionCheckpoints.cs",
        ["event_subscription_failures"] = "src/Memory/Events/Subscriptions/ParkedEvents.cs",
        ["job_runs"] = "src/Kernel/Automation/Scheduling/JobRuns.cs",
    };

    // The DbSet of each table that has an EF entity, as LiveShopDbContext names it.
    private static readonly IReadOnlyDictionary<string, string> DbSets = new Dictionary<string, string>
    {
        ["Approvals"] = "approvals",
        ["GatewayExecutions"] = "gateway_executions",
        ["DecisionLog"] = "decision_log",
        ["Conversations"] = "conversations",
        ["ConversationMessages"] = "conversation_messages",
    };

    [GeneratedRegex(@"\b(?:from|join|into|update|table)\s+(?<table>[a-z_]+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlTable();

    // A DbContext is named db or context throughout src/ (a convention this test relies on and keeps).
    [GeneratedRegex(@"\b_?(?:db|context|dbContext)\.(?<set>[A-Z]\w*)\s*\.\s*(?:AsNoTracking|AsTracking|Where|Add|AddRange|Attach|Update|Remove|RemoveRange|Find\w*|First\w*|Single\w*|Any\w*|Count\w*|Select|OrderBy\w*|FromSql\w*|Execute\w*|ToList\w*|Include)\b")]
    private static partial Regex DbSetQuery();

    private static IEnumerable<(string Path, string Text)> ProductSources() =>
        Directory.EnumerateFiles(Path.Combine(TestCluster.RepositoryRoot, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(TestCluster.RepositoryRoot, f).Replace('\\', '/'))
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/Migrations/", StringComparison.Ordinal))
            .Select(p => (p, File.ReadAllText(Path.Combine(TestCluster.RepositoryRoot, p))));

    /// <summary>Every (table, file) pair where the file reads or writes the table.</summary>
    private static IEnumerable<(string Table, string Path)> Uses(string path, string text) =>
        SqlTable().Matches(text).Select(m => m.Groups["table"].Value.ToLowerInvariant())
            .Concat(DbSetQuery().Matches(text).Select(m => DbSets.GetValueOrDefault(m.Groups["set"].Value)).OfType<string>())
            .Where(Owners.ContainsKey).Distinct().Select(table => (table, path));

    [Fact]
    public void The_patterns_catch_raw_sql_and_dbset_queries()
    {
        Assert.Equal(["approvals"], Uses("x", "UPDATE approvals SET status = $2 WHERE id = $1").Select(u => u.Table));
        Assert.Equal(["approvals"], Uses("x", "SELECT a.id FROM approval_card_posts p JOIN approvals a ON a.id = p.approval_id").Select(u => u.Table).Where(t => t == "approvals"));
        Assert.Equal(["approvals"], Uses("x", "await db.Approvals.AsNoTracking().Where(a => ids.Contains(a.Id))").Select(u => u.Table));
        Assert.Equal(["conversations"], Uses("x", "db.Conversations.Where(c => c.StartedBy == email)").Select(u => u.Table));
        Assert.Empty(Uses("x", "outcome.Approvals.Select(a => a)"));
    }

    [Fact]
    public void Only_its_owner_reads_or_writes_each_platform_table()
    {
        var strays = ProductSources().SelectMany(f => Uses(f.Path, f.Text))
            .Where(u => Owners[u.Table] != u.Path)
            .Select(u => $"{u.Path} touches {u.Table}, which {Owners[u.Table]} owns").ToList();
        Assert.Empty(strays);
    }

    [Fact]
    public void Every_owner_exists_and_uses_its_table()
    {
        var sources = ProductSources().ToDictionary(f => f.Path, f => f.Text);
        foreach (var (table, owner) in Owners)
        {
            Assert.True(sources.ContainsKey(owner), $"{owner} (owner of {table}) does not exist");
            Assert.Contains((table, owner), Uses(owner, sources[owner]));
        }
    }

    [GeneratedRegex("\"(?:pending|approved|rejected|expired|superseded)\"")]
    private static partial Regex ApprovalStatusLiteral();

    [Fact]
    public void Approval_surfaces_name_statuses_by_their_type_not_by_string_literals()
    {
        string[] surfaces = ["src/Kernel/Approvals/", "src/Kernel/Gateway/", "src/Kernel/Actions/", "src/Chat/Components/", "src/Chat/Messaging/", "src/Chat/Cli/ApprovalsCommand.cs"];
        var literals = ProductSources()
            .Where(f => surfaces.Any(s => f.Path.StartsWith(s, StringComparison.Ordinal)) && f.Path != "src/Kernel/Approvals/ApprovalStatus.cs")
            .SelectMany(f => ApprovalStatusLiteral().Matches(f.Text).Select(m => $"{f.Path}: {m.Value}")).ToList();
        Assert.Empty(literals);
    }
}
