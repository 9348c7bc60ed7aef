using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Memory.Migrations
{
    /// <inheritdoc />
    public partial class LongTermMemory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "confirmation_count",
                table: "long_term_memories",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "edited_by",
                table: "long_term_memories",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "long_term_memories",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "unknown");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "long_term_memories",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "learning_cursors",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_learning_cursors", x => x.name);
                    table.CheckConstraint("ck_learning_cursors_last_sequence", "last_sequence >= 0");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_long_term_memories_confirmation_count_positive",
                table: "long_term_memories",
                sql: "confirmation_count >= 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learning_cursors");

            migrationBuilder.DropCheckConstraint(
                name: "ck_long_term_memories_confirmation_count_positive",
                table: "long_term_memories");

            migrationBuilder.DropColumn(
                name: "confirmation_count",
                table: "long_term_memories");

            migrationBuilder.DropColumn(
                name: "edited_by",
                table: "long_term_memories");

            migrationBuilder.DropColumn(
                name: "source",
                table: "long_term_memories");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "long_term_memories");
        }
    }
}
