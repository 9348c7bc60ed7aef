using LiveShop.Memory.Data.Entities.Supply;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Supply;

internal sealed class PurchaseOrderConfiguration : IEntityTypeConfiguration<PurchaseOrder>
{
    public void Configure(EntityTypeBuilder<PurchaseOrder> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).IsBusinessId();
        builder.Property(p => p.SupplierId).IsBusinessId();
        builder.Property(p => p.Status).IsCode();
        builder.Property(p => p.Total).IsMoney();
        builder.HasOne<Supplier>().WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.Restrict);
        // Lines are part of the purchase order itself.
        builder.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PurchaseOrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.SupplierId, p.OrderedAt });
        builder.HasIndex(p => p.Status);
        builder.ToTable(t => t.HasCheckConstraint("ck_purchase_orders_total_non_negative", "total >= 0"));
    }
}
