using LiveShop.Memory.Data.Entities.Advertising;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Advertising;

internal sealed class AdSetDailyMetricConfiguration : IEntityTypeConfiguration<AdSetDailyMetric>
{
    public void Configure(EntityTypeBuilder<AdSetDailyMetric> builder)
    {
        builder.HasKey(m => new { m.AdSetId, m.Date });
        builder.Property(m => m.AdSetId).IsBusinessId();
        builder.Property(m => m.Spend).IsMoney();
        builder.Property(m => m.Revenue).IsMoney();
        builder.HasOne<AdSet>().WithMany().HasForeignKey(m => m.AdSetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.Date);
        builder.ToTable(t => t.HasCheckConstraint(
            "ck_ad_set_daily_metrics_non_negative",
            "spend >= 0 AND impressions >= 0 AND clicks >= 0 AND orders >= 0 AND revenue >= 0"));
    }
}
