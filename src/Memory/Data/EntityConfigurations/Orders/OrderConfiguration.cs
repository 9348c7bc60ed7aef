using LiveShop.Memory.Data.Entities.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Creators;
using LiveShop.Memory.Data.Entities.Customers;
using LiveShop.Memory.Data.Entities.LiveShows;

namespace LiveShop.Memory.Data.EntityConfigurations.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).IsBusinessId();
        builder.Property(o => o.CustomerId).IsBusinessId();
        builder.Property(o => o.Channel).IsCode();
        builder.Property(o => o.ExternalId).HasMaxLength(ColumnConventions.NameLength);
        builder.HasIndex(o => new { o.Channel, o.ExternalId }).IsUnique();
        builder.Property(o => o.Status).IsCode();
        builder.Property(o => o.Subtotal).IsMoney();
        builder.Property(o => o.ShippingFee).IsMoney();
        builder.Property(o => o.Total).IsMoney();
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.Property(o => o.Ip).HasMaxLength(ColumnConventions.IpLength);
        builder.Property(o => o.DeviceId).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(o => o.BillingCountry).IsCountryCode();
        builder.Property(o => o.ShippingCountry).IsCountryCode();
        builder.Property(o => o.LiveShowId).IsBusinessId();
        builder.Property(o => o.CreatorId).IsBusinessId();

        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LiveShow>().WithMany().HasForeignKey(o => o.LiveShowId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Creator>().WithMany().HasForeignKey(o => o.CreatorId).OnDelete(DeleteBehavior.Restrict);
        // Lines are part of the order itself, not separate history.
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(o => o.PlacedAt);
        builder.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        // The fraud rule counts orders per ip / device in the trailing hour.
        builder.HasIndex(o => new { o.Ip, o.PlacedAt });
        builder.HasIndex(o => new { o.DeviceId, o.PlacedAt });

        builder.ToTable(t => t.HasCheckConstraint("ck_orders_amounts_non_negative", "subtotal >= 0 AND shipping_fee >= 0 AND total >= 0"));
    }
}
