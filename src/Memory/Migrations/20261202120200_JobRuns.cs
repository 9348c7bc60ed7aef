using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// One row per firing of a business job, written by hand (raw SQL, no EF entity): read and written only through
/// <c>JobRuns</c>. <c>run_key</c> names the firing (trigger and scheduled instant), so a firing recovered by another
/// host after a crash continues the same row instead of adding a second one, and a firing that already succeeded is
/// not run again.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202120200_JobRuns")]
public sealed class JobRunsSchema : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE job_runs (
                id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_key           text        NOT NULL UNIQUE,
                job               text        NOT NULL,
                trigger_kind      text        NOT NULL CHECK (trigger_kind IN ('schedule', 'run_now', 'business_clock')),
                business_now      timestamptz NOT NULL,
                started_at        timestamptz NOT NULL,
                ended_at          timestamptz,
                outcome           text        NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
                summary           text,
                actions_requested integer     NOT NULL DEFAULT 0,
                host              text        NOT NULL,
                attempts          integer     NOT NULL DEFAULT 1
            );
            CREATE INDEX ix_job_runs_job_started ON job_runs (job, started_at DESC);
            CREATE INDEX ix_job_runs_started ON job_runs (started_at DESC);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE job_runs;");
}
