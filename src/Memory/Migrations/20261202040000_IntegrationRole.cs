using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// The <c>integration</c> user role: machines (a shop sync, a payment provider's relay) whose API keys may ingest
/// business events through <c>POST /api/events</c>, and nothing a person signs in for.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202030000_IntegrationRole")]
public sealed class IntegrationRole : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropCheckConstraint(name: "ck_users_role", table: "users");
        migrationBuilder.AddCheckConstraint(name: "ck_users_role", table: "users",
            sql: "role IN ('founder', 'approver', 'support', 'developer', 'integration')");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropCheckConstraint(name: "ck_users_role", table: "users");
        migrationBuilder.AddCheckConstraint(name: "ck_users_role", table: "users",
            sql: "role IN ('founder', 'approver', 'support', 'developer')");
    }
}
