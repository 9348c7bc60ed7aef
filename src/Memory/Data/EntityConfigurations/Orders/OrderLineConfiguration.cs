using LiveShop.Memory.Data.Entities.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Catalog;

namespace LiveShop.Memory.Data.EntityConfigurations.Orders;

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.OrderId).IsBusinessId();
        builder.Property(l => l.ProductId).IsBusinessId();
        builder.Property(l => l.UnitPrice).IsMoney();
        builder.Property(l => l.LineTotal).IsMoney();
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.ProductId);
        builder.ToTable(t => t.HasCheckConstraint("ck_order_lines_quantity_positive", "quantity > 0"));
    }
}
