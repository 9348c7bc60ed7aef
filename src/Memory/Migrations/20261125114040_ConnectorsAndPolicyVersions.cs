using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Memory.Migrations
{
    /// <inheritdoc />
    public partial class ConnectorsAndPolicyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "support_tickets",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "payments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "orders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "gateway_executions",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_at",
                table: "gateway_executions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            migrationBuilder.CreateTable(
                name: "integration_connections",
                columns: table => new
                {
                    integration_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    action_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_integration_connections", x => x.integration_id);
                    table.CheckConstraint("ck_integration_connections_status", "status IN ('connected', 'disconnected')");
                });

            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    version = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    yaml = table.Column<string>(type: "text", nullable: false),
                    previous_version = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    action_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    adopted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    adopted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_versions", x => x.version);
                });

            migrationBuilder.CreateIndex(
                name: "ix_support_tickets_channel_external_id",
                table: "support_tickets",
                columns: new[] { "channel", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_provider_external_id",
                table: "payments",
                columns: new[] { "provider", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_channel_external_id",
                table: "orders",
                columns: new[] { "channel", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_versions_adopted_at",
                table: "policy_versions",
                column: "adopted_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "integration_connections");

            migrationBuilder.DropTable(
                name: "policy_versions");

            migrationBuilder.DropIndex(
                name: "ix_support_tickets_channel_external_id",
                table: "support_tickets");

            migrationBuilder.DropIndex(
                name: "ix_payments_provider_external_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_orders_channel_external_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "support_tickets");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "gateway_executions");

            migrationBuilder.DropColumn(
                name: "claimed_at",
                table: "gateway_executions");
        }
    }
}
