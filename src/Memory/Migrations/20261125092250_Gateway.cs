using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Memory.Migrations
{
    /// <inheritdoc />
    public partial class Gateway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_approvals_status",
                table: "approvals");

            migrationBuilder.AlterColumn<string>(
                name: "arguments_hash",
                table: "approvals",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<JsonDocument>(
                name: "channel_messages",
                table: "approvals",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "on_behalf_of",
                table: "approvals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<JsonDocument>(
                name: "packet",
                table: "approvals",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "decision_log",
                columns: table => new
                {
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    policy_version = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    state_version = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    input_hash = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    risk_level = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    result = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decision_log", x => x.decision_id);
                    table.CheckConstraint("ck_decision_log_decision", "decision IN ('allow', 'require_approval', 'deny')");
                });

            migrationBuilder.CreateTable(
                name: "gateway_executions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    action = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    arguments_hash = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approval_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    connector_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    result = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    inverse = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gateway_executions", x => x.id);
                    table.CheckConstraint("ck_gateway_executions_status", "status IN ('in_progress', 'succeeded', 'failed')");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_approvals_status",
                table: "approvals",
                sql: "status IN ('pending', 'approved', 'rejected', 'expired', 'executed', 'superseded')");

            migrationBuilder.CreateIndex(
                name: "ix_decision_log_action_id",
                table: "decision_log",
                column: "action_id");

            migrationBuilder.CreateIndex(
                name: "ix_decision_log_created_at",
                table: "decision_log",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_gateway_executions_action_id",
                table: "gateway_executions",
                column: "action_id");

            migrationBuilder.CreateIndex(
                name: "ix_gateway_executions_idempotency_key",
                table: "gateway_executions",
                column: "idempotency_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decision_log");

            migrationBuilder.DropTable(
                name: "gateway_executions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_approvals_status",
                table: "approvals");

            migrationBuilder.DropColumn(
                name: "channel_messages",
                table: "approvals");

            migrationBuilder.DropColumn(
                name: "on_behalf_of",
                table: "approvals");

            migrationBuilder.DropColumn(
                name: "packet",
                table: "approvals");

            migrationBuilder.AlterColumn<string>(
                name: "arguments_hash",
                table: "approvals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);

            migrationBuilder.AddCheckConstraint(
                name: "ck_approvals_status",
                table: "approvals",
                sql: "status IN ('pending', 'approved', 'rejected', 'expired', 'executed')");
        }
    }
}
