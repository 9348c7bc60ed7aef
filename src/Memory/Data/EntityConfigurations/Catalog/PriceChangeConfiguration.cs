using LiveShop.Memory.Data.Entities.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Catalog;

internal sealed class PriceChangeConfiguration : IEntityTypeConfiguration<PriceChange>
{
    public void Configure(EntityTypeBuilder<PriceChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ProductId).IsBusinessId();
        builder.Property(c => c.FromPrice).IsMoney();
        builder.Property(c => c.ToPrice).IsMoney();
        builder.Property(c => c.ChangedBy).HasMaxLength(ColumnConventions.NameLength);
        builder.HasOne<Product>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProductId, c.ChangedAt });
    }
}
