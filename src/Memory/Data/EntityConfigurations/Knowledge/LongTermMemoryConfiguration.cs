using LiveShop.Memory.Data.Entities.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Knowledge;

internal sealed class LongTermMemoryConfiguration : IEntityTypeConfiguration<LongTermMemory>
{
    public void Configure(EntityTypeBuilder<LongTermMemory> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Scope).IsCode();
        builder.Property(m => m.ScopeKey).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(m => m.Kind).IsCode();
        builder.Property(m => m.Evidence).HasColumnType("jsonb");
        builder.Property(m => m.Embedding).HasColumnType($"vector({KnowledgeChunk.EmbeddingDimensions})");
        builder.Property(m => m.EmbeddingModel).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(m => m.Confidence).HasPrecision(4, 3);
        builder.Property(m => m.Source).HasMaxLength(ColumnConventions.NameLength).HasDefaultValue("unknown");
        builder.Property(m => m.EditedBy).HasMaxLength(ColumnConventions.EmailLength);
        builder.Property(m => m.ConfirmationCount).HasDefaultValue(1);
        builder.HasIndex(m => new { m.Scope, m.ScopeKey });
        builder.HasIndex(m => m.Embedding).HasMethod("hnsw").HasOperators("vector_cosine_ops");
        builder.HasOneOfConstraint("ck_long_term_memories_scope", "scope", LongTermMemory.Scopes);
        builder.ToTable(t => t.HasCheckConstraint("ck_long_term_memories_confidence_range", "confidence >= 0 AND confidence <= 1"));
        builder.ToTable(t => t.HasCheckConstraint("ck_long_term_memories_confirmation_count_positive", "confirmation_count >= 1"));
    }
}
