using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Platform;

internal sealed class DecisionLogEntryConfiguration : IEntityTypeConfiguration<DecisionLogEntry>
{
    public void Configure(EntityTypeBuilder<DecisionLogEntry> builder)
    {
        builder.ToTable("decision_log");
        builder.HasKey(d => d.DecisionId);
        builder.Property(d => d.ActionId).HasMaxLength(ColumnConventions.IdLength);
        builder.HasIndex(d => d.ActionId);
        builder.Property(d => d.Action).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(d => d.PolicyVersion).HasMaxLength(ColumnConventions.HashLength);
        builder.Property(d => d.StateVersion).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(d => d.InputHash).HasMaxLength(ColumnConventions.HashLength);
        builder.Property(d => d.Decision).IsCode();
        builder.Property(d => d.RiskLevel).HasMaxLength(2);
        builder.HasIndex(d => d.CreatedAt);
        builder.HasOneOfConstraint("ck_decision_log_decision", "decision", ["allow", "require_approval", "deny"]);
    }
}
