using LiveShop.Memory.Data.Entities.Advertising;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Advertising;

internal sealed class AdCampaignConfiguration : IEntityTypeConfiguration<AdCampaign>
{
    public void Configure(EntityTypeBuilder<AdCampaign> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).IsBusinessId();
        builder.Property(c => c.Platform).IsCode();
        builder.Property(c => c.Name).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(c => c.Objective).IsCode();
        builder.Property(c => c.Status).IsCode();
        builder.HasOneOfConstraint("ck_ad_campaigns_platform", "platform", AdCampaign.Platforms);
    }
}
