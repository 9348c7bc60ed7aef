using LiveShop.Memory.Data.Entities.Creators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Creators;

internal sealed class CreatorConfiguration : IEntityTypeConfiguration<Creator>
{
    public void Configure(EntityTypeBuilder<Creator> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).IsBusinessId();
        builder.Property(c => c.Handle).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(c => c.Platform).IsCode();
        builder.Property(c => c.Tier).IsCode();
        builder.Property(c => c.CommissionPct).IsPercent();
        builder.Property(c => c.Status).IsCode();
        builder.HasIndex(c => new { c.Platform, c.Handle });
        builder.ToTable(t => t.HasCheckConstraint("ck_creators_commission_pct_range", "commission_pct >= 0 AND commission_pct <= 100"));
    }
}
