using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Platform;

internal sealed class GatewayExecutionConfiguration : IEntityTypeConfiguration<GatewayExecution>
{
    public void Configure(EntityTypeBuilder<GatewayExecution> builder)
    {
        builder.ToTable("gateway_executions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(ColumnConventions.NameLength);
        // The exactly-once guarantee: a second claim of the same key conflicts here, across hosts.
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        builder.Property(e => e.ActionId).HasMaxLength(ColumnConventions.IdLength);
        builder.HasIndex(e => e.ActionId);
        builder.Property(e => e.Action).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(e => e.ArgumentsHash).HasMaxLength(ColumnConventions.HashLength);
        builder.Property(e => e.RequestedBy).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(e => e.Status).IsCode();
        // Raw-SQL claims insert without naming these; the first claim is the creation.
        builder.Property(e => e.ClaimedAt).HasDefaultValueSql("now()");
        builder.Property(e => e.Attempts).HasDefaultValue(1);
        builder.Property(e => e.ConnectorReference).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(e => e.Result).HasColumnType("jsonb");
        builder.Property(e => e.Inverse).HasColumnType("jsonb");
        builder.HasOneOfConstraint("ck_gateway_executions_status", "status", GatewayExecution.Statuses);
    }
}
