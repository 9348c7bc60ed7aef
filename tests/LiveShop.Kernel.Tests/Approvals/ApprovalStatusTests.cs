using System.Text.Json;
using LiveShop.Kernel.Approvals;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Tests.Approvals;

public sealed class ApprovalStatusTests
{
    [Fact]
    public void Every_status_has_the_code_the_schema_allows_and_the_wire_writes()
    {
        Assert.Equal(Approval.Statuses, ApprovalStatuses.All.Select(s => s.Code()));
        foreach (var status in ApprovalStatuses.All)
        {
            Assert.Equal(status, ApprovalStatuses.Parse(status.Code()));
            Assert.Equal($"\"{status.Code()}\"", JsonSerializer.Serialize(status, JsonDefaults.Options));
        }
    }

    [Fact]
    public void Typed_codes_parse_case_insensitively_and_unknown_ones_do_not()
    {
        Assert.Equal(ApprovalStatus.Rejected, ApprovalStatuses.TryParse(" Rejected "));
        Assert.Null(ApprovalStatuses.TryParse("denied"));
        Assert.Null(ApprovalStatuses.TryParse(null));
        Assert.Throws<FormatException>(() => ApprovalStatuses.Parse("Pending"));
    }

    [Fact]
    public void Only_execution_supersession_and_expiry_close_a_request()
    {
        Assert.Equal([ApprovalStatus.Approved, ApprovalStatus.Pending], ApprovalStatuses.ClosableInto(ApprovalStatus.Executed));
        Assert.Throws<ArgumentException>(() => ApprovalStatuses.ClosableInto(ApprovalStatus.Approved));
        Assert.Throws<ArgumentException>(() => ApprovalStatuses.ClosableInto(ApprovalStatus.Rejected));
        Assert.True(ApprovalStatus.Pending.IsOpen());
        Assert.DoesNotContain(ApprovalStatuses.All.Where(s => s != ApprovalStatus.Pending), s => s.IsOpen());
    }
}
