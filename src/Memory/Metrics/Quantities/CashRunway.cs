using LiveShop.Memory.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Metrics.Quantities;

/// <summary>Cash at bank and how fast it goes.</summary>
/// <param name="Balance">Balance of the cash accounts as of now.</param>
/// <param name="AvgDailyNetBurn">Net cash outflow of the burn window divided by its days; negative when cash grew.</param>
public sealed record CashPosition(decimal Balance, decimal AvgDailyNetBurn)
{
    /// <summary>See <see cref="CashRunway.Days"/>.</summary>
    public decimal? RunwayDays => CashRunway.Days(Balance, AvgDailyNetBurn);
}

/// <summary>
/// Cash runway: cash at bank divided by the average daily net burn. Cash is the balance (debits − credits) of the cash
/// accounts over every journal entry up to and including now; burn is their net outflow (credits − debits) over the
/// <see cref="BurnDays"/> days up to and including now, divided by that many days. An entry booked at this very instant
/// counts, so a payment recorded a moment ago already shortens the runway. Unbounded (null) when cash is not shrinking;
/// reported to one place, compared unrounded.
/// </summary>
public static class CashRunway
{
    /// <summary>The ledger account that holds the cash at bank (the chart of accounts' "1000 Cash at bank").</summary>
    public const string CashAccountCode = "1000";

    /// <summary>The accounts whose balance is cash.</summary>
    public static IReadOnlyList<string> CashAccountCodes { get; } = [CashAccountCode];

    /// <summary>How many trailing days the average daily burn is measured over.</summary>
    public const int BurnDays = 30;

    /// <summary>
    /// The definition as SQL: cash balance and net outflow over <c>$1</c> (account codes), burn start <c>$2</c> (excluded)
    /// and now <c>$3</c> (included); for the verifier's one-round-trip batch and <see cref="ReadAsync"/>.
    /// </summary>
    public const string Sql =
        "SELECT coalesce(sum(l.debit - l.credit), 0), coalesce(sum(l.credit - l.debit) FILTER (WHERE e.occurred_at > $2), 0) " +
        "FROM ledger_lines l JOIN journal_entries e ON e.id = l.journal_entry_id " +
        "WHERE l.account_code = ANY($1) AND e.occurred_at <= $3";

    /// <summary>Days the cash lasts at <paramref name="avgDailyNetBurn"/>; null (unbounded) when it is not shrinking.</summary>
    public static decimal? Days(decimal cash, decimal avgDailyNetBurn) => avgDailyNetBurn <= 0 ? null : Math.Max(cash, 0m) / avgDailyNetBurn;

    /// <summary>The average daily burn of <paramref name="netOutflow"/> over <paramref name="burnDays"/> days.</summary>
    public static decimal AverageDailyBurn(decimal netOutflow, int burnDays) => netOutflow / burnDays;

    /// <summary>The cash position as of <paramref name="now"/>, read with <see cref="Sql"/> on <paramref name="db"/>'s connection.</summary>
    public static async Task<CashPosition> ReadAsync(LiveShopDbContext db, DateTimeOffset now, CancellationToken cancellationToken,
        IReadOnlyList<string>? cashAccountCodes = null, int burnDays = BurnDays)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<string[]> { TypedValue = [.. cashAccountCodes ?? CashAccountCodes] },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = now.AddDays(-burnDays) },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new CashPosition(reader.GetDecimal(0), AverageDailyBurn(reader.GetDecimal(1), burnDays));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
