using LiveShop.Memory.Data.Entities.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Knowledge;

internal sealed class KnowledgeChunkConfiguration : IEntityTypeConfiguration<KnowledgeChunk>
{
    public void Configure(EntityTypeBuilder<KnowledgeChunk> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.HeadingPath).HasMaxLength(1000);
        builder.Property(c => c.Embedding).HasColumnType($"vector({KnowledgeChunk.EmbeddingDimensions})");
        builder.Property(c => c.EmbeddingModel).HasMaxLength(ColumnConventions.NameLength);
        builder.HasIndex(c => new { c.DocumentId, c.Position }).IsUnique();
        // Embeddings are L2-normalised, so cosine distance is the similarity the retriever ranks by.
        builder.HasIndex(c => c.Embedding).HasMethod("hnsw").HasOperators("vector_cosine_ops");
        // Headings are searched with the body: a question naming a section ("partial refunds") should find it.
        builder.HasGeneratedTsVectorColumn(c => c.SearchVector, "english", c => new { c.HeadingPath, c.Content })
            .HasIndex(c => c.SearchVector)
            .HasMethod("gin");
    }
}
