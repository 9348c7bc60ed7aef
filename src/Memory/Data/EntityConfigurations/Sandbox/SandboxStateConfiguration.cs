using LiveShop.Memory.Data.Entities.Sandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Sandbox;

internal sealed class SandboxStateConfiguration : IEntityTypeConfiguration<SandboxState>
{
    public void Configure(EntityTypeBuilder<SandboxState> builder)
    {
        builder.ToTable("sandbox_state", t => t.HasCheckConstraint("ck_sandbox_state_singleton", $"id = {SandboxState.SingletonId}"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.HiddenState).HasColumnType("jsonb");
    }
}
