using LiveShop.Memory.Data.Entities.Creators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Orders;

namespace LiveShop.Memory.Data.EntityConfigurations.Creators;

internal sealed class CreatorCommissionConfiguration : IEntityTypeConfiguration<CreatorCommission>
{
    public void Configure(EntityTypeBuilder<CreatorCommission> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CreatorId).IsBusinessId();
        builder.Property(c => c.OrderId).IsBusinessId();
        builder.Property(c => c.Amount).IsMoney();
        builder.Property(c => c.CreatorPayoutId).IsBusinessId();
        builder.HasOne<Creator>().WithMany().HasForeignKey(c => c.CreatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreatorPayout>().WithMany().HasForeignKey(c => c.CreatorPayoutId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CreatorId, c.EarnedAt });
        builder.HasIndex(c => c.OrderId);
        builder.HasIndex(c => c.CreatorPayoutId);
    }
}
