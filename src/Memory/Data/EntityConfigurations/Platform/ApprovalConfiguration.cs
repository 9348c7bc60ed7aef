using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Platform;

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActionId).HasMaxLength(ColumnConventions.IdLength);
        builder.Property(a => a.ActionName).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(a => a.Parameters).HasColumnType("jsonb");
        builder.Property(a => a.ArgumentsHash).HasMaxLength(ColumnConventions.HashLength);
        builder.Property(a => a.RiskLevel).HasMaxLength(2);
        builder.Property(a => a.RequiredApprover).IsCode();
        builder.Property(a => a.RequestedBy).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(a => a.Status).IsCode();
        builder.Property(a => a.DecidedBy).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(a => a.Verdict).HasColumnType("jsonb");
        builder.Property(a => a.Packet).HasColumnType("jsonb");
        builder.Property(a => a.OnBehalfOf).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(a => a.ChannelMessages).HasColumnType("jsonb");
        // xmin: the decision is a compare-and-swap, so two approvers cannot both decide.
        builder.Property(a => a.RowVersion).IsRowVersion();
        builder.HasIndex(a => a.Status);
        builder.HasIndex(a => a.ActionId);
        builder.HasOneOfConstraint("ck_approvals_risk_level", "risk_level", Approval.RiskLevels);
        builder.HasOneOfConstraint("ck_approvals_required_approver", "required_approver", Approval.Approvers);
        builder.HasOneOfConstraint("ck_approvals_status", "status", Approval.Statuses);
    }
}
