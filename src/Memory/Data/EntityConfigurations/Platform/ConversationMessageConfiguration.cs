using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Platform;

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Role).IsCode();
        builder.Property(m => m.Author).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(m => m.Persona).HasMaxLength(ColumnConventions.NameLength);
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        builder.HasOne<Goal>().WithMany().HasForeignKey(m => m.GoalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOneOfConstraint("ck_conversation_messages_role", "role", ConversationMessage.Roles);
    }
}
