using LiveShop.Memory.Data.Entities.LiveShows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using LiveShop.Memory.Data.Entities.Creators;

namespace LiveShop.Memory.Data.EntityConfigurations.LiveShows;

internal sealed class LiveShowConfiguration : IEntityTypeConfiguration<LiveShow>
{
    public void Configure(EntityTypeBuilder<LiveShow> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).IsBusinessId();
        builder.Property(s => s.CreatorId).IsBusinessId();
        builder.Property(s => s.Channel).IsCode();
        builder.Property(s => s.Title).HasMaxLength(ColumnConventions.TitleLength);
        builder.Property(s => s.Revenue).IsMoney();
        builder.Property(s => s.Status).IsCode();
        builder.HasOne<Creator>().WithMany().HasForeignKey(s => s.CreatorId).OnDelete(DeleteBehavior.Restrict);
        // Featured products belong to the show's own line-up.
        builder.HasMany(s => s.Products).WithOne().HasForeignKey(p => p.LiveShowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ScheduledAt);
        builder.HasIndex(s => s.CreatorId);
        builder.ToTable(t => t.HasCheckConstraint(
            "ck_live_shows_counts_non_negative",
            "peak_viewers >= 0 AND total_viewers >= 0 AND orders_count >= 0 AND revenue >= 0"));
    }
}
