using LiveShop.Memory.Data.Entities.Creators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Creators;

internal sealed class CreatorPayoutConfiguration : IEntityTypeConfiguration<CreatorPayout>
{
    public void Configure(EntityTypeBuilder<CreatorPayout> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).IsBusinessId();
        builder.Property(p => p.CreatorId).IsBusinessId();
        builder.Property(p => p.Amount).IsMoney();
        builder.Property(p => p.Status).IsCode();
        builder.HasOne<Creator>().WithMany().HasForeignKey(p => p.CreatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.CreatorId, p.PeriodEnd });
        builder.ToTable(t => t.HasCheckConstraint("ck_creator_payouts_amount_non_negative", "amount >= 0"));
    }
}
