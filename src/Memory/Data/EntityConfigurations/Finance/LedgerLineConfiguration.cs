using LiveShop.Memory.Data.Entities.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Finance;

internal sealed class LedgerLineConfiguration : IEntityTypeConfiguration<LedgerLine>
{
    public void Configure(EntityTypeBuilder<LedgerLine> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.AccountCode).HasMaxLength(ColumnConventions.CodeLength);
        builder.Property(l => l.Debit).IsMoney();
        builder.Property(l => l.Credit).IsMoney();
        builder.HasOne<LedgerAccount>().WithMany().HasForeignKey(l => l.AccountCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.JournalEntryId);
        builder.HasIndex(l => l.AccountCode);
        builder.ToTable(t => t.HasCheckConstraint(
            "ck_ledger_lines_one_side",
            "debit >= 0 AND credit >= 0 AND ((debit > 0 AND credit = 0) OR (debit = 0 AND credit > 0))"));
    }
}
