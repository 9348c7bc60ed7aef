using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Memory.Migrations;

/// <summary>
/// Failed sign-ins counted per account and per client address, written by hand (raw SQL, no EF entity): read and
/// written only by the sign-in throttle, with one atomic upsert per failure, so every host sharing the database sees the
/// same counts and lockouts. Keys are <c>account:EMAIL</c> or <c>client:ADDRESS</c>; an unknown email is counted like a
/// known one, so a lockout tells nobody which accounts exist.
/// </summary>
[DbContext(typeof(LiveShopDbContext))]
[Migration("20261202024058_SignInThrottle")]
public sealed class SignInThrottleSchema : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE sign_in_throttles (
                key               text        PRIMARY KEY,
                failures          integer     NOT NULL CHECK (failures >= 0),
                window_started_at timestamptz NOT NULL,
                locked_until      timestamptz
            );
            CREATE INDEX ix_sign_in_throttles_window_started_at ON sign_in_throttles (window_started_at);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE sign_in_throttles;");
    }
}
