using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Platform;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Email).HasMaxLength(ColumnConventions.EmailLength);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(u => u.Role).IsCode();
        builder.Property(u => u.PasswordHash).HasMaxLength(ColumnConventions.NameLength * 2);
        builder.Property(u => u.SecurityStamp).HasMaxLength(ColumnConventions.NameLength);
        builder.HasOneOfConstraint("ck_users_role", "role", User.Roles);
    }
}
