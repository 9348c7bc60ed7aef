using LiveShop.Memory.Data.Entities.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Finance;

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> builder)
    {
        builder.HasKey(a => a.Code);
        builder.Property(a => a.Code).HasMaxLength(ColumnConventions.CodeLength);
        builder.Property(a => a.Name).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(a => a.Type).IsCode();
        builder.HasOneOfConstraint("ck_ledger_accounts_type", "type", LedgerAccount.Types);
    }
}
