using LiveShop.Memory.Data.Entities.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Supply;

namespace LiveShop.Memory.Data.EntityConfigurations.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).IsBusinessId();
        builder.Property(p => p.Sku).HasMaxLength(ColumnConventions.IdLength);
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.Property(p => p.Title).HasMaxLength(ColumnConventions.TitleLength);
        builder.Property(p => p.Category).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(p => p.Price).IsMoney();
        builder.Property(p => p.UnitCost).IsMoney();
        builder.Property(p => p.ShippingCost).IsMoney();
        builder.Property(p => p.PlatformFeePct).IsPercent();
        builder.Property(p => p.SupplierId).IsBusinessId();
        builder.Property(p => p.Status).IsCode();
        builder.HasOne<Supplier>().WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_products_price_non_negative", "price >= 0 AND unit_cost >= 0 AND shipping_cost >= 0");
            t.HasCheckConstraint("ck_products_platform_fee_pct_range", "platform_fee_pct >= 0 AND platform_fee_pct <= 100");
        });
    }
}
