using LiveShop.Kernel.Actions.Definitions;
using System.Text.Json;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Policies.Changes;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Policies;

/// <summary>The policy's roles: section: the documented defaults, fail-closed lookups, strict loading and change_policy paths.</summary>
public sealed class RolePolicyTests
{
    private static readonly BusinessPolicy Default = PolicyLoader.LoadDefault();
    private static RolePolicy Roles => Default.Roles;

    private static string DefaultYaml()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "policies", "default.yaml")))
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("policies/default.yaml not found above the test output");
        return File.ReadAllText(Path.Combine(directory, "policies", "default.yaml"));
    }

    [Theory]
    [InlineData("respond_ticket")]
    [InlineData("refund_order")]
    [InlineData("generate_report")]
    public void Support_may_answer_tickets_request_refunds_and_reports(string action) => Assert.True(Roles.MayRequest("support", action));

    [Theory]
    [InlineData("scale_ad_set")]
    [InlineData("pause_ad_set")]
    [InlineData("change_price")]
    [InlineData("publish_listing")]
    [InlineData("reorder_stock")]
    [InlineData("pay_supplier")]
    [InlineData("pay_creator")]
    [InlineData("change_policy")]
    [InlineData("modify_account_access")]
    [InlineData("connect_integration")]
    public void Support_may_not_request_ads_prices_listings_stock_payouts_policy_access_or_integrations(string action) =>
        Assert.False(Roles.MayRequest("support", action));

    [Fact]
    public void Support_reads_orders_tickets_and_knowledge_but_not_ads_pricing_or_finance()
    {
        foreach (var function in new[] { "get_order", "list_open_tickets", "search_knowledge" }) Assert.True(Roles.MayRead("support", function), function);
        foreach (var function in new[] { "get_ad_set_performance", "get_ad_platform_summary", "list_top_products", "get_profit_and_loss", "list_integrations" })
            Assert.False(Roles.MayRead("support", function), function);
    }

    [Fact]
    public void The_approver_adds_ads_prices_listings_and_stock_and_approves_L2_only()
    {
        foreach (var action in new[] { "scale_ad_set", "change_price", "publish_listing", "reorder_stock", "refund_order" }) Assert.True(Roles.MayRequest("approver", action), action);
        foreach (var action in new[] { "pay_creator", "change_policy", "modify_account_access", "connect_integration" }) Assert.False(Roles.MayRequest("approver", action), action);
        Assert.True(Roles.MayApprove("approver", RiskLevel.L2));
        Assert.False(Roles.MayApprove("approver", RiskLevel.L3));
        Assert.Equal(["approver", "founder"], Roles.ApproversOf(RiskLevel.L2));
        Assert.Equal(["founder"], Roles.ApproversOf(RiskLevel.L3));
    }

    [Fact]
    public void The_founder_may_do_everything_and_unknown_roles_nothing()
    {
        foreach (var action in ActionCatalog.Actions.Keys) Assert.True(Roles.MayRequest("founder", action), action);
        foreach (var operation in ConsoleOperations.All) Assert.True(Roles.MayDo("founder", operation), operation);
        foreach (var role in new string?[] { "intruder", "", null })
        {
            Assert.False(Roles.MayRequest(role, "draft_copy"));
            Assert.False(Roles.MayRead(role, "get_order"));
            Assert.False(Roles.MayApprove(role, RiskLevel.L2));
            Assert.False(Roles.MayDo(role, ConsoleOperations.KnowledgeAdd));
        }
    }

    [Fact]
    public void Console_defaults_keep_deletes_and_memory_edits_with_the_founder()
    {
        foreach (var role in new[] { "approver", "support", "developer", "integration" })
            foreach (var operation in new[] { ConsoleOperations.KnowledgeDelete, ConsoleOperations.MemoryEdit, ConsoleOperations.MemoryDelete })
                Assert.False(Roles.MayDo(role, operation), $"{role} {operation}");
        Assert.True(Roles.MayDo("developer", ConsoleOperations.SandboxControl));
        Assert.False(Roles.MayDo("support", ConsoleOperations.SandboxControl));
        Assert.True(Roles.MayDo("integration", ConsoleOperations.IngestEvents));
        Assert.False(Roles.MayDo("support", ConsoleOperations.IngestEvents));
        Assert.Empty(Roles.Of("integration")!.Request);
    }

    [Theory]
    [InlineData("    request: [draft_copy, generate_report, analyze_data, create_recommendation, remember, respond_ticket, refund_order]",
                "    request: [draft_copy, refund_everything]", "roles.support.request' has 'refund_everything'")]
    [InlineData("    approve: [L2]", "    approve: [L1]", "roles.approver.approve' has 'L1'")]
    [InlineData("    console: [goal_requeue]", "    console: [delete_everything]", "roles.support.console' has 'delete_everything'")]
    [InlineData("    approve: [L2, L3]", "    approve: [L2]", "founder' must be able to request change_policy and approve L3")]
    [InlineData("  support:\n", "  Support Team:\n", "a role name is a lowercase word")]
    public void Malformed_roles_are_refused_naming_the_setting(string from, string to, string expected)
    {
        var yaml = DefaultYaml();
        Assert.Contains(from, yaml);
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml.Replace(from, to), "p.yaml"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_role_missing_a_list_is_refused()
    {
        var yaml = DefaultYaml().Replace("    read: []\n    approve: []\n    console: [ingest_events]", "    read: []\n    approve: []");
        var error = Assert.Throws<PolicyException>(() => PolicyLoader.Parse(yaml, "p.yaml"));
        Assert.Contains("'roles.integration.console' is missing", error.Message);
    }

    [Fact]
    public void Roles_are_part_of_the_policy_version_and_change_through_dotted_paths()
    {
        var proposed = PolicyChangeProposal.Apply(Default, JsonSerializer.SerializeToElement(new
        {
            changes = new Dictionary<string, object> { ["roles.support.request"] = new[] { "respond_ticket" } },
        }));
        Assert.Null(proposed.Error);
        Assert.Equal(["respond_ticket"], proposed.Policy!.Roles.Of("support")!.Request);
        Assert.NotEqual(Default.Version, proposed.Policy.Version);
        var change = Assert.Single(proposed.Changes);
        Assert.Equal("roles.support.request", change.Path);
        Assert.Equal(Default.Version, PolicyLoader.Parse(PolicyDocument.ToYaml(Default), "doc").Version);
    }

    [Fact]
    public void An_unknown_role_path_is_refused_listing_the_known_ones()
    {
        var proposed = PolicyChangeProposal.Apply(Default, JsonSerializer.SerializeToElement(new
        {
            changes = new Dictionary<string, object> { ["roles.intruder.request"] = new[] { "*" } },
        }));
        Assert.Contains("unknown policy setting 'roles.intruder.request'", proposed.Error);
        Assert.Contains("roles.support.request", proposed.Error);
    }
}
