using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// A decision log row keeps who asked, with which arguments, and the signed verdict itself: what the success metrics,
/// a simulation's report of automated actions and a later re-verification of executed proofs read. Rows written before
/// this migration have none of the three.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202140000_DecisionRecords")]
public sealed class DecisionRecords : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE decision_log
                ADD COLUMN requested_by character varying(320),
                ADD COLUMN parameters jsonb,
                ADD COLUMN verdict jsonb;
            CREATE INDEX ix_decision_log_requested_by_created_at ON decision_log (requested_by, created_at);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX IF EXISTS ix_decision_log_requested_by_created_at;
            ALTER TABLE decision_log DROP COLUMN requested_by, DROP COLUMN parameters, DROP COLUMN verdict;
            """);
    }
}
