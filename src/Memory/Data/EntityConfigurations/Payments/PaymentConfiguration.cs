using LiveShop.Memory.Data.Entities.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Orders;

namespace LiveShop.Memory.Data.EntityConfigurations.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).IsBusinessId();
        builder.Property(p => p.OrderId).IsBusinessId();
        builder.Property(p => p.Provider).IsCode();
        builder.Property(p => p.ExternalId).HasMaxLength(ColumnConventions.NameLength);
        builder.HasIndex(p => new { p.Provider, p.ExternalId }).IsUnique();
        builder.Property(p => p.Amount).IsMoney();
        builder.Property(p => p.Fee).IsMoney();
        builder.Property(p => p.Status).IsCode();
        builder.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.OrderId);
        builder.ToTable(t => t.HasCheckConstraint("ck_payments_amounts_non_negative", "amount >= 0 AND fee >= 0"));
    }
}
