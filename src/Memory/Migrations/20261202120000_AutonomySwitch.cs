using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// The kill switch's one row, written by hand (raw SQL, no EF entity): read and written only through
/// <c>AutonomySwitch</c>. Autonomy starts on; <c>version</c> counts changes, so each change's audit event has its own id.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202120000_AutonomySwitch")]
public sealed class AutonomySwitchSchema : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE autonomy_state (
                id          integer     PRIMARY KEY CHECK (id = 1),
                autonomy_on boolean     NOT NULL,
                version     bigint      NOT NULL,
                changed_by  text,
                changed_at  timestamptz
            );
            INSERT INTO autonomy_state (id, autonomy_on, version) VALUES (1, true, 0);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE autonomy_state;");
}
