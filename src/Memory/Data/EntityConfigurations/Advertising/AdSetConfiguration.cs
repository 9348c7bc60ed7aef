using LiveShop.Memory.Data.Entities.Advertising;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Catalog;

namespace LiveShop.Memory.Data.EntityConfigurations.Advertising;

internal sealed class AdSetConfiguration : IEntityTypeConfiguration<AdSet>
{
    public void Configure(EntityTypeBuilder<AdSet> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).IsBusinessId();
        builder.Property(s => s.CampaignId).IsBusinessId();
        builder.Property(s => s.ProductId).IsBusinessId();
        builder.Property(s => s.Name).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(s => s.DailyBudget).IsMoney();
        builder.Property(s => s.Status).IsCode();
        builder.HasOne<AdCampaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.CampaignId);
        builder.HasIndex(s => s.ProductId);
        builder.HasOneOfConstraint("ck_ad_sets_status", "status", AdSet.Statuses);
        builder.ToTable(t => t.HasCheckConstraint("ck_ad_sets_daily_budget_non_negative", "daily_budget >= 0"));
    }
}
