using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// The queue of knowledge files waiting to be embedded, written by hand (raw SQL, no EF entity): read and written only
/// through <c>KnowledgeIngestionQueue</c>. A host claims a row with <c>FOR UPDATE SKIP LOCKED</c> and holds it with a
/// lease it renews after every batch, so two hosts never embed the same file and a crashed host's file is taken over.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202030000_KnowledgeIngestions")]
public sealed class KnowledgeIngestionsSchema : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE knowledge_ingestions (
                id              uuid        PRIMARY KEY,
                source          text        NOT NULL,
                file_name       text        NOT NULL,
                size_bytes      bigint      NOT NULL CHECK (size_bytes >= 0),
                status          text        NOT NULL CHECK (status IN ('queued', 'embedding', 'ready', 'failed')),
                chunks_total    integer     NOT NULL DEFAULT 0,
                chunks_embedded integer     NOT NULL DEFAULT 0,
                detail          text,
                document_id     uuid,
                requested_by    text,
                created_at      timestamptz NOT NULL,
                updated_at      timestamptz NOT NULL,
                claimed_by      text,
                claimed_until   timestamptz
            );
            CREATE INDEX ix_knowledge_ingestions_waiting ON knowledge_ingestions (created_at) WHERE status IN ('queued', 'embedding');
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP TABLE knowledge_ingestions;");
}
