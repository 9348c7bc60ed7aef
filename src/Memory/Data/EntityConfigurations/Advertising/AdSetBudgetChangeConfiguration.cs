using LiveShop.Memory.Data.Entities.Advertising;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Advertising;

internal sealed class AdSetBudgetChangeConfiguration : IEntityTypeConfiguration<AdSetBudgetChange>
{
    public void Configure(EntityTypeBuilder<AdSetBudgetChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.AdSetId).IsBusinessId();
        builder.Property(c => c.FromBudget).IsMoney();
        builder.Property(c => c.ToBudget).IsMoney();
        builder.Property(c => c.ChangedBy).HasMaxLength(ColumnConventions.NameLength);
        builder.HasOne<AdSet>().WithMany().HasForeignKey(c => c.AdSetId).OnDelete(DeleteBehavior.Restrict);
        // The budget rule looks up the budget in force 7 days ago.
        builder.HasIndex(c => new { c.AdSetId, c.ChangedAt });
    }
}
