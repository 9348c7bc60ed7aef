using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Memory.Migrations
{
    /// <inheritdoc />
    public partial class ReplyGoals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "goal_id",
                table: "conversation_messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_conversation_messages_goal_id",
                table: "conversation_messages",
                column: "goal_id");

            migrationBuilder.AddForeignKey(
                name: "fk_conversation_messages_goals_goal_id",
                table: "conversation_messages",
                column: "goal_id",
                principalTable: "goals",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_conversation_messages_goals_goal_id",
                table: "conversation_messages");

            migrationBuilder.DropIndex(
                name: "ix_conversation_messages_goal_id",
                table: "conversation_messages");

            migrationBuilder.DropColumn(
                name: "goal_id",
                table: "conversation_messages");
        }
    }
}
