using LiveShop.Memory.Data.Entities.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).IsBusinessId();
        builder.Property(c => c.Email).HasMaxLength(ColumnConventions.EmailLength);
        builder.HasIndex(c => c.Email);
        builder.Property(c => c.Name).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(c => c.Country).IsCountryCode();
    }
}
