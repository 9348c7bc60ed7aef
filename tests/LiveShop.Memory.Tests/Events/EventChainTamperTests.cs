using LiveShop.Memory.Events;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Memory.Tests.Events;

/// <summary>Each test tampers with its own database (as superuser, triggers disabled) and expects the chain check to name the row.</summary>
public sealed class EventChainTamperTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private EventStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _store = new EventStore(_database.DataSource, TimeProvider.System);
        await _store.AppendAsync(TestEvents.Orders(10));
        await _store.AppendAsync(TestEvents.Orders(10, 10));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task AsSuperuserWithoutTriggersAsync(string sql)
    {
        await using var connection = await _database.AdminDataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"ALTER TABLE business_events DISABLE TRIGGER ALL; {sql}; ALTER TABLE business_events ENABLE TRIGGER ALL;", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Untouched_chain_is_intact()
    {
        var verification = await _store.VerifyChainAsync();
        Assert.Equal(new ChainVerification(true, 20, null, null), verification);
    }

    [Fact]
    public async Task Changed_data_is_named_by_its_sequence()
    {
        await AsSuperuserWithoutTriggersAsync("UPDATE business_events SET data = jsonb_set(data, '{total}', '1.00') WHERE sequence = 13");

        var verification = await _store.VerifyChainAsync();

        Assert.False(verification.Intact);
        Assert.Equal(13, verification.FirstBrokenSequence);
        Assert.Equal(12, verification.EventsChecked);
        Assert.Contains("changed", verification.Problem);
    }

    [Fact]
    public async Task Changed_envelope_field_is_named_by_its_sequence()
    {
        await AsSuperuserWithoutTriggersAsync("UPDATE business_events SET occurred_at = occurred_at + interval '1 microsecond' WHERE sequence = 4");
        Assert.Equal(4, (await _store.VerifyChainAsync()).FirstBrokenSequence);
    }

    [Fact]
    public async Task Rehashed_row_breaks_the_next_link()
    {
        // A forger who also rewrites the row's own hash still cannot fix the next row's prev_hash.
        await AsSuperuserWithoutTriggersAsync("UPDATE business_events SET source = 'forged', hash = sha256(hash) WHERE sequence = 7");

        var verification = await _store.VerifyChainAsync();

        Assert.Equal(7, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task Deleted_middle_row_is_detected()
    {
        await AsSuperuserWithoutTriggersAsync("DELETE FROM business_events WHERE sequence = 9");

        var verification = await _store.VerifyChainAsync();

        Assert.False(verification.Intact);
        Assert.Equal(9, verification.FirstBrokenSequence);
        Assert.Contains("missing", verification.Problem);
    }

    [Fact]
    public async Task Appends_continue_after_the_last_row()
    {
        var result = await _store.AppendAsync(TestEvents.Order(99));
        Assert.Equal(21, result.LastSequence);
        Assert.True((await _store.VerifyChainAsync()).Intact);
    }
}
