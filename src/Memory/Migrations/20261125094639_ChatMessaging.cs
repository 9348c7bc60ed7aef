using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// Tables of the chat integrations, written by hand (raw SQL, no EF entity): read and written only through the messaging
/// stores. Links of chat accounts to product users, one-time link codes, inbound deliveries already handled (retries and
/// replays are dropped by the primary key, so two hosts are safe), and every posted approval card with the status it
/// shows. Its platform checks listed the first connectors; <see cref="ChatPlatformCodes"/> replaced them with a shape check.
/// </summary>
/// <remarks>
/// Dated when it was written: it first carried a future id (20261126120000) and so sorted after migrations written later.
/// A development database migrated under that id already has these tables, hence IF NOT EXISTS.
/// </remarks>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261125094639_ChatMessaging")]
public sealed class ChatMessagingSchema : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE IF NOT EXISTS chat_user_links (
                platform         text        NOT NULL CHECK (platform IN ('slack', 'teams')),
                external_user_id text        NOT NULL,
                user_email       text        NOT NULL,
                linked_at        timestamptz NOT NULL,
                PRIMARY KEY (platform, external_user_id)
            );
            CREATE INDEX IF NOT EXISTS ix_chat_user_links_user_email ON chat_user_links (lower(user_email));

            CREATE TABLE IF NOT EXISTS chat_link_codes (
                code             text        PRIMARY KEY,
                platform         text        NOT NULL CHECK (platform IN ('slack', 'teams')),
                external_user_id text        NOT NULL,
                created_at       timestamptz NOT NULL,
                expires_at       timestamptz NOT NULL,
                consumed_at      timestamptz
            );

            CREATE TABLE IF NOT EXISTS chat_inbound_deliveries (
                platform    text        NOT NULL,
                delivery_id text        NOT NULL,
                received_at timestamptz NOT NULL,
                PRIMARY KEY (platform, delivery_id)
            );

            CREATE TABLE IF NOT EXISTS approval_card_posts (
                approval_id  uuid        NOT NULL,
                platform     text        NOT NULL CHECK (platform IN ('slack', 'teams')),
                channel      text        NOT NULL,
                message_ref  text        NOT NULL,
                service_url  text,
                shown_status text        NOT NULL,
                posted_at    timestamptz NOT NULL,
                updated_at   timestamptz NOT NULL,
                PRIMARY KEY (approval_id, platform, channel, message_ref)
            );
            CREATE INDEX IF NOT EXISTS ix_approval_card_posts_platform_channel_ref ON approval_card_posts (platform, channel, message_ref);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE approval_card_posts;
            DROP TABLE chat_inbound_deliveries;
            DROP TABLE chat_link_codes;
            DROP TABLE chat_user_links;
            """);
    }
}
