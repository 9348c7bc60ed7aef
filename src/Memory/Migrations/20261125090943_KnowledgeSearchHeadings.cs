using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveShop.Memory.Migrations
{
    /// <summary>Full-text search over a chunk's heading path as well as its body.</summary>
    public partial class KnowledgeSearchHeadings : Migration
    {
        // PostgreSQL 15 cannot change a generated column's expression in place: drop and re-add it with its index.
        private static void Regenerate(MigrationBuilder migrationBuilder, string expression)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_knowledge_chunks_search_vector;");
            migrationBuilder.Sql("ALTER TABLE knowledge_chunks DROP COLUMN search_vector;");
            migrationBuilder.Sql($"ALTER TABLE knowledge_chunks ADD COLUMN search_vector tsvector NOT NULL GENERATED ALWAYS AS ({expression}) STORED;");
            migrationBuilder.Sql("CREATE INDEX ix_knowledge_chunks_search_vector ON knowledge_chunks USING gin (search_vector);");
        }

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            Regenerate(migrationBuilder, "to_tsvector('english'::regconfig, coalesce(heading_path, '') || ' ' || coalesce(content, ''))");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            Regenerate(migrationBuilder, "to_tsvector('english'::regconfig, coalesce(content, ''))");
    }
}
