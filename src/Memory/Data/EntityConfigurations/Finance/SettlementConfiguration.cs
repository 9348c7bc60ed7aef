using LiveShop.Memory.Data.Entities.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Finance;

internal sealed class SettlementConfiguration : IEntityTypeConfiguration<Settlement>
{
    public void Configure(EntityTypeBuilder<Settlement> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).IsBusinessId();
        builder.Property(s => s.Channel).IsCode();
        builder.Property(s => s.GrossAmount).IsMoney();
        builder.Property(s => s.Fees).IsMoney();
        builder.Property(s => s.RefundsAmount).IsMoney();
        builder.Property(s => s.NetAmount).IsMoney();
        builder.Property(s => s.ExpectedNetAmount).IsMoney();
        builder.Property(s => s.Status).IsCode();
        builder.HasIndex(s => new { s.Channel, s.PeriodEnd });
        builder.HasOneOfConstraint("ck_settlements_status", "status", Settlement.Statuses);
        builder.ToTable(t => t.HasCheckConstraint("ck_settlements_period", "period_end >= period_start"));
    }
}
