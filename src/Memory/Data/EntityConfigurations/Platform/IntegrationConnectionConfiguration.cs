using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Platform;

internal sealed class IntegrationConnectionConfiguration : IEntityTypeConfiguration<IntegrationConnection>
{
    public void Configure(EntityTypeBuilder<IntegrationConnection> builder)
    {
        builder.ToTable("integration_connections");
        builder.HasKey(c => c.IntegrationId);
        builder.Property(c => c.IntegrationId).IsCode();
        builder.Property(c => c.Status).IsCode();
        builder.Property(c => c.ActionId).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(c => c.ChangedBy).HasMaxLength(ColumnConventions.NameLength);
        builder.HasOneOfConstraint("ck_integration_connections_status", "status", ["connected", "disconnected"]);
    }
}
