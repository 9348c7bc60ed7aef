using LiveShop.Memory.Data.Entities.Finance;
using LiveShop.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveShop.Memory.Tests.Data;

public sealed class BusinessRoundTripTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Order_with_lines_round_trips_with_exact_money()
    {
        var customer = BusinessRecords.Customer();
        var mug = BusinessRecords.Product(39.00m);
        var lid = BusinessRecords.Product(0.10m);
        var order = BusinessRecords.Order(customer, (mug, 2), (lid, 3));
        await using (var write = database.CreateContext())
        {
            write.AddRange(customer, mug, lid, order);
            await write.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var loaded = await read.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == order.Id);

        Assert.Equal(2, loaded.Lines.Count);
        Assert.Equal(78.30m, loaded.Subtotal);
        Assert.Equal(83.20m, loaded.Total);
        Assert.Equal(BusinessRecords.Now, loaded.PlacedAt);
        Assert.Equal(TimeSpan.Zero, loaded.PlacedAt.Offset);
        Assert.Equal(0.30m, loaded.Lines.Single(l => l.ProductId == lid.Id).LineTotal);
        Assert.Equal(8.125m, (await read.Products.SingleAsync(p => p.Id == mug.Id)).PlatformFeePct);
    }

    [Fact]
    public async Task Money_columns_keep_exact_decimals_in_sql_sums()
    {
        var customer = BusinessRecords.Customer();
        var dime = BusinessRecords.Product(0.10m);
        var fifth = BusinessRecords.Product(0.20m);
        var order = BusinessRecords.Order(customer, (dime, 1), (fifth, 1));
        await using (var write = database.CreateContext())
        {
            write.AddRange(customer, dime, fifth, order);
            await write.SaveChangesAsync();
        }

        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT sum(line_total) = 0.30, sum(line_total)::text, pg_typeof(sum(line_total))::text FROM order_lines WHERE order_id = $1",
            connection);
        command.Parameters.AddWithValue(order.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.Equal("0.30", reader.GetString(1));
        Assert.Equal("numeric", reader.GetString(2));

        await using var context = database.CreateContext();
        Assert.Equal(0.30m, await context.OrderLines.Where(l => l.OrderId == order.Id).SumAsync(l => l.LineTotal));
    }

    [Fact]
    public async Task Order_for_an_unknown_customer_is_refused_by_the_foreign_key()
    {
        var ghost = BusinessRecords.Customer();
        var product = BusinessRecords.Product();
        var order = BusinessRecords.Order(ghost, (product, 1));
        await using var context = database.CreateContext();
        context.AddRange(product, order);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task Journal_entry_with_lines_round_trips_balanced()
    {
        var cash = BusinessRecords.Account(BusinessRecords.NewId("a")[..12], "asset");
        var sales = BusinessRecords.Account(BusinessRecords.NewId("r")[..12], "revenue");
        var entry = new JournalEntry
        {
            Id = Guid.NewGuid(), OccurredAt = BusinessRecords.Now, Description = "Order o_1042 paid",
            SourceType = "order", SourceId = "o_1042",
            Lines =
            [
                new LedgerLine { AccountCode = cash.Code, Debit = 83.20m, Credit = 0m },
                new LedgerLine { AccountCode = sales.Code, Debit = 0m, Credit = 83.20m },
            ],
        };
        await using (var write = database.CreateContext())
        {
            write.AddRange(cash, sales, entry);
            await write.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var loaded = await read.JournalEntries.Include(e => e.Lines).SingleAsync(e => e.Id == entry.Id);
        Assert.Equal(2, loaded.Lines.Count);
        Assert.True(loaded.IsBalanced);
        Assert.Equal(83.20m, loaded.Lines.Single(l => l.AccountCode == cash.Code).Debit);
    }

    [Theory]
    [InlineData(10.00, 10.00)]
    [InlineData(0, 0)]
    [InlineData(-5.00, 0)]
    public async Task Ledger_refuses_a_line_that_is_not_exactly_one_non_negative_side(double debit, double credit)
    {
        var cash = BusinessRecords.Account(BusinessRecords.NewId("a")[..12], "asset");
        var entry = new JournalEntry
        {
            Id = Guid.NewGuid(), OccurredAt = BusinessRecords.Now, Description = "bad line",
            SourceType = "manual", SourceId = "m_1",
            Lines = [new LedgerLine { AccountCode = cash.Code, Debit = (decimal)debit, Credit = (decimal)credit }],
        };
        await using var context = database.CreateContext();
        context.AddRange(cash, entry);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        var postgres = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(PostgresErrorCodes.CheckViolation, postgres.SqlState);
        Assert.Equal("ck_ledger_lines_one_side", postgres.ConstraintName);
    }
}
