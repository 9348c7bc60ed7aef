using LiveShop.Memory.Data.Entities.Finance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Finance;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Description).HasMaxLength(ColumnConventions.TitleLength);
        builder.Property(e => e.SourceType).IsCode();
        builder.Property(e => e.SourceId).HasMaxLength(ColumnConventions.IdLength);
        builder.Ignore(e => e.IsBalanced);
        // Lines only exist as part of their entry.
        builder.HasMany(e => e.Lines).WithOne().HasForeignKey(l => l.JournalEntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.SourceType, e.SourceId });
    }
}
