using LiveShop.Memory.Data.Entities.LiveShows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Catalog;

namespace LiveShop.Memory.Data.EntityConfigurations.LiveShows;

internal sealed class LiveShowProductConfiguration : IEntityTypeConfiguration<LiveShowProduct>
{
    public void Configure(EntityTypeBuilder<LiveShowProduct> builder)
    {
        builder.HasKey(p => new { p.LiveShowId, p.ProductId });
        builder.Property(p => p.LiveShowId).IsBusinessId();
        builder.Property(p => p.ProductId).IsBusinessId();
        builder.Property(p => p.ShowPrice).IsMoney();
        builder.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.ProductId);
    }
}
