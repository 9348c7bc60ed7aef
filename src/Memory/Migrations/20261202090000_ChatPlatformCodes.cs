using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// The chat tables' <c>platform</c> column holds a connector's code, checked only for shape: the schema does not list the
/// connectors, so adding one needs no migration and Memory names none of them.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202090000_ChatPlatformCodes")]
public sealed class ChatPlatformCodes : Migration
{
    private static readonly string[] Tables = ["chat_user_links", "chat_link_codes", "approval_card_posts"];

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            // The first chat migration declared these checks inline, so PostgreSQL named them <table>_platform_check.
            migrationBuilder.Sql($"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_platform_check;");
            migrationBuilder.AddCheckConstraint(name: $"ck_{table}_platform", table: table, sql: "platform ~ '^[a-z][a-z0-9_]{0,31}$'");
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.DropCheckConstraint(name: $"ck_{table}_platform", table: table);
            migrationBuilder.Sql($"ALTER TABLE {table} ADD CONSTRAINT {table}_platform_check CHECK (platform IN ('slack', 'teams'));");
        }
    }
}
