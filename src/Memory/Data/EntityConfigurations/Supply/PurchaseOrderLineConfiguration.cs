using LiveShop.Memory.Data.Entities.Supply;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Catalog;

namespace LiveShop.Memory.Data.EntityConfigurations.Supply;

internal sealed class PurchaseOrderLineConfiguration : IEntityTypeConfiguration<PurchaseOrderLine>
{
    public void Configure(EntityTypeBuilder<PurchaseOrderLine> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.PurchaseOrderId).IsBusinessId();
        builder.Property(l => l.ProductId).IsBusinessId();
        builder.Property(l => l.UnitCost).IsMoney();
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.PurchaseOrderId);
        builder.HasIndex(l => l.ProductId);
        builder.ToTable(t => t.HasCheckConstraint("ck_purchase_order_lines_quantity_positive", "quantity > 0 AND unit_cost >= 0"));
    }
}
