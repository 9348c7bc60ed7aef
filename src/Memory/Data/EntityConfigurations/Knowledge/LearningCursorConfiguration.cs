using LiveShop.Memory.Data.Entities.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Knowledge;

internal sealed class LearningCursorConfiguration : IEntityTypeConfiguration<LearningCursor>
{
    public void Configure(EntityTypeBuilder<LearningCursor> builder)
    {
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).IsCode();
        builder.ToTable(t => t.HasCheckConstraint("ck_learning_cursors_last_sequence", "last_sequence >= 0"));
    }
}
