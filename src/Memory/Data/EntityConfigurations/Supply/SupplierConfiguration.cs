using LiveShop.Memory.Data.Entities.Supply;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Supply;

internal sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).IsBusinessId();
        builder.Property(s => s.Name).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(s => s.Country).IsCountryCode();
        builder.Property(s => s.OnTimeRate).IsPercent();
        builder.Property(s => s.Status).IsCode();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_suppliers_lead_time_non_negative", "lead_time_days >= 0");
            t.HasCheckConstraint("ck_suppliers_on_time_rate_range", "on_time_rate >= 0 AND on_time_rate <= 100");
        });
    }
}
