using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Platform;

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> builder)
    {
        builder.ToTable("policy_versions");
        builder.HasKey(p => p.Version);
        builder.Property(p => p.Version).HasMaxLength(ColumnConventions.HashLength);
        builder.Property(p => p.PreviousVersion).HasMaxLength(ColumnConventions.HashLength);
        builder.Property(p => p.ActionId).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(p => p.AdoptedBy).HasMaxLength(ColumnConventions.NameLength);
        builder.HasIndex(p => p.AdoptedAt);
    }
}
