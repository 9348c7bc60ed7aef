using LiveShop.Memory.Data.Entities.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Catalog;

namespace LiveShop.Memory.Data.EntityConfigurations.Channels;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).IsBusinessId();
        builder.Property(l => l.ProductId).IsBusinessId();
        builder.Property(l => l.Channel).IsCode();
        builder.Property(l => l.ExternalId).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(l => l.Title).HasMaxLength(ColumnConventions.TitleLength);
        builder.Property(l => l.Price).IsMoney();
        builder.Property(l => l.Status).IsCode();
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.ProductId, l.Channel });
        builder.HasIndex(l => new { l.Channel, l.ExternalId }).IsUnique();
    }
}
