using LiveShop.Memory.Data.Entities.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Knowledge;

internal sealed class KnowledgeDocumentConfiguration : IEntityTypeConfiguration<KnowledgeDocument>
{
    public void Configure(EntityTypeBuilder<KnowledgeDocument> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Source).HasMaxLength(1000);
        builder.Property(d => d.Title).HasMaxLength(ColumnConventions.TitleLength);
        builder.Property(d => d.DocType).IsCode();
        builder.Property(d => d.Tags).HasColumnType("text[]");
        builder.Property(d => d.ContentHash).HasMaxLength(ColumnConventions.IdLength);
        // Re-ingesting a document replaces its chunks.
        builder.HasMany(d => d.Chunks).WithOne().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.Source);
        builder.HasIndex(d => d.ContentHash);
        builder.HasIndex(d => d.Tags).HasMethod("gin");
    }
}
