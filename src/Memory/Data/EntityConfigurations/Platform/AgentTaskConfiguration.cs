using LiveShop.Memory.Data.Entities.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations.Platform;

/// <summary>Maps the Standard Task Object; its structured parts are jsonb with the contract's snake_case keys.</summary>
internal sealed class AgentTaskConfiguration : IEntityTypeConfiguration<AgentTask>
{
    public void Configure(EntityTypeBuilder<AgentTask> builder)
    {
        builder.HasKey(t => t.TaskId);
        builder.Property(t => t.OwnerAgent).HasMaxLength(ColumnConventions.NameLength);
        builder.Property(t => t.RiskLevel).HasMaxLength(2);
        builder.Property(t => t.Status).IsCode();
        builder.Property(t => t.RequiredTools).HasColumnType("text[]");

        builder.ComplexProperty(t => t.Inputs, inputs =>
        {
            inputs.ToJson("inputs");
            inputs.Property(i => i.Links).HasJsonPropertyName("links");
            inputs.Property(i => i.Files).HasJsonPropertyName("files");
            inputs.Property(i => i.Records).HasJsonPropertyName("records");
        });
        builder.ComplexProperty(t => t.Constraints, constraints =>
        {
            constraints.ToJson("constraints");
            constraints.Property(c => c.Budget).HasJsonPropertyName("budget");
            constraints.Property(c => c.TimeLimit).HasJsonPropertyName("time_limit");
            constraints.Property(c => c.Policy).HasJsonPropertyName("policy");
        });
        builder.ComplexProperty(t => t.Outputs, outputs =>
        {
            outputs.ToJson("outputs");
            outputs.Property(o => o.RecordsCreated).HasJsonPropertyName("records_created");
            outputs.Property(o => o.RecordsUpdated).HasJsonPropertyName("records_updated");
            outputs.Property(o => o.Files).HasJsonPropertyName("files");
            outputs.Property(o => o.Messages).HasJsonPropertyName("messages");
        });
        builder.ComplexCollection(t => t.AuditLog, entry =>
        {
            entry.ToJson("audit_log");
            entry.Property(e => e.Timestamp).HasJsonPropertyName("timestamp");
            entry.Property(e => e.Tool).HasJsonPropertyName("tool");
            entry.Property(e => e.Action).HasJsonPropertyName("action");
            entry.Property(e => e.Result).HasJsonPropertyName("result");
        });

        builder.HasOne<Goal>().WithMany().HasForeignKey(t => t.GoalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.Status);
        builder.HasIndex(t => t.GoalId);
        builder.HasOneOfConstraint("ck_agent_tasks_status", "status", AgentTask.Statuses);
        builder.HasOneOfConstraint("ck_agent_tasks_risk_level", "risk_level", Approval.RiskLevels);
    }
}
