using LiveShop.Memory.Data.Entities.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Orders;

namespace LiveShop.Memory.Data.EntityConfigurations.Payments;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).IsBusinessId();
        builder.Property(d => d.OrderId).IsBusinessId();
        builder.Property(d => d.PaymentId).IsBusinessId();
        builder.Property(d => d.Amount).IsMoney();
        builder.Property(d => d.Reason).HasMaxLength(ColumnConventions.TitleLength);
        builder.Property(d => d.Status).IsCode();
        builder.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Payment>().WithMany().HasForeignKey(d => d.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.OrderId);
        builder.HasIndex(d => new { d.Status, d.OpenedAt });
        builder.ToTable(t => t.HasCheckConstraint("ck_disputes_amount_non_negative", "amount >= 0"));
    }
}
