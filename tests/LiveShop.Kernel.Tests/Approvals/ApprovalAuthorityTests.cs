using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Approvals;

public sealed class ApprovalAuthorityTests
{
    private static readonly Principal Founder = new("founder@x", "founder");
    private static readonly Principal ApproverRole = new("approver@x", "approver");

    private static readonly RolePolicy Roles = PolicyLoader.LoadDefault().Roles;

    private static AuthorityCheck Check(Principal? approver, ApprovalSubject subject) => ApprovalAuthority.Check(approver, subject, Roles);

    private static ApprovalSubject Subject(RiskLevel level, string requestedBy = "agent:cfo", string? onBehalfOf = null) => new()
    {
        RiskLevel = level,
        RequiredApprover = level == RiskLevel.L3 ? Approver.Founder : Approver.AnyApprover,
        RequestedBy = requestedBy,
        OnBehalfOf = onBehalfOf,
    };

    [Fact]
    public void L2_can_be_approved_by_the_founder_or_an_approver()
    {
        Assert.True(Check(Founder, Subject(RiskLevel.L2)).Allowed);
        Assert.True(Check(ApproverRole, Subject(RiskLevel.L2)).Allowed);
    }

    [Fact]
    public void L3_needs_the_founder_an_approver_is_refused()
    {
        Assert.True(Check(Founder, Subject(RiskLevel.L3)).Allowed);
        var refused = Check(ApproverRole, Subject(RiskLevel.L3));
        Assert.False(refused.Allowed);
        Assert.Contains("only the founder", refused.Reason);
    }

    [Theory]
    [InlineData("support")]
    [InlineData("developer")]
    [InlineData("integration")]
    [InlineData("no_such_role")]
    public void Support_and_developer_can_never_approve(string role)
    {
        var check = Check(new Principal($"{role}@x", role), Subject(RiskLevel.L2));
        Assert.False(check.Allowed);
        Assert.Contains("can never approve", check.Reason);
    }

    [Fact]
    public void Nobody_approves_their_own_request_nor_one_made_on_their_behalf()
    {
        Assert.False(Check(Founder, Subject(RiskLevel.L2, requestedBy: "FOUNDER@x")).Allowed);
        Assert.False(Check(Founder, Subject(RiskLevel.L2, requestedBy: "user:founder@x")).Allowed);
        Assert.False(Check(ApproverRole, Subject(RiskLevel.L2, "agent:cfo", onBehalfOf: "approver@x")).Allowed);
    }

    [Fact]
    public void The_founder_may_confirm_what_an_agent_proposed_for_them_but_not_what_they_submitted_themselves()
    {
        Assert.True(Check(Founder, Subject(RiskLevel.L3, "agent:returns_refunds", onBehalfOf: "founder@x")).Allowed);
        Assert.False(Check(Founder, Subject(RiskLevel.L3, requestedBy: "founder@x")).Allowed);
    }

    [Fact]
    public void Disabled_and_unknown_users_cannot_act()
    {
        Assert.False(Check(Founder with { Disabled = true }, Subject(RiskLevel.L2)).Allowed);
        Assert.False(Check(null, Subject(RiskLevel.L2)).Allowed);
    }

    [Fact]
    public void Approval_authority_follows_the_roles_in_the_policy()
    {
        var roles = Roles with
        {
            ByRole = new Dictionary<string, RolePermissions>(Roles.ByRole)
            {
                ["support"] = Roles.ByRole["support"] with { Approve = ["L2"] },
                ["approver"] = Roles.ByRole["approver"] with { Approve = [] },
            },
        };
        Assert.True(ApprovalAuthority.Check(new Principal("support@x", "support"), Subject(RiskLevel.L2), roles).Allowed);
        Assert.False(ApprovalAuthority.Check(new Principal("support@x", "support"), Subject(RiskLevel.L3), roles).Allowed);
        var approver = ApprovalAuthority.Check(ApproverRole, Subject(RiskLevel.L2), roles);
        Assert.False(approver.Allowed);
        Assert.Contains("can never approve", approver.Reason);
    }
}
