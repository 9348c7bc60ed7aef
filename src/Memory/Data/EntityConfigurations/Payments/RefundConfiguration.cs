using LiveShop.Memory.Data.Entities.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Orders;

namespace LiveShop.Memory.Data.EntityConfigurations.Payments;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).IsBusinessId();
        builder.Property(r => r.OrderId).IsBusinessId();
        builder.Property(r => r.CustomerId).IsBusinessId();
        builder.Property(r => r.Amount).IsMoney();
        builder.Property(r => r.Reason).HasMaxLength(ColumnConventions.TitleLength);
        builder.Property(r => r.Status).IsCode();
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.OrderId);
        // The refund rule sums a customer's refunds over the trailing 24 hours.
        builder.HasIndex(r => new { r.CustomerId, r.RequestedAt });
        builder.ToTable(t => t.HasCheckConstraint("ck_refunds_amount_positive", "amount > 0"));
    }
}
