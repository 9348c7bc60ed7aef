using LiveShop.Memory.Data.Entities.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.Orders;

namespace LiveShop.Memory.Data.EntityConfigurations.Support;

internal sealed class SupportTicketConfiguration : IEntityTypeConfiguration<SupportTicket>
{
    public void Configure(EntityTypeBuilder<SupportTicket> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).IsBusinessId();
        builder.Property(t => t.CustomerId).IsBusinessId();
        builder.Property(t => t.OrderId).IsBusinessId();
        builder.Property(t => t.Channel).IsCode();
        builder.Property(t => t.ExternalId).HasMaxLength(ColumnConventions.TitleLength);
        builder.HasIndex(t => new { t.Channel, t.ExternalId }).IsUnique();
        builder.Property(t => t.Subject).HasMaxLength(ColumnConventions.TitleLength);
        builder.Property(t => t.Status).IsCode();
        builder.Property(t => t.Priority).IsCode();
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => t.CustomerId);
        builder.HasIndex(t => t.OrderId);
    }
}
