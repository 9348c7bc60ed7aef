using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

using LiveShop.Memory.Events;

namespace LiveShop.Bench.Verbs.Events;

/// <summary>Figures of one event store benchmark run: append throughput against a raw binary COPY of the same rows.</summary>
public sealed record EventsBenchmarkReport(int Count, int BatchSize, double AppendSeconds, double CopySeconds)
{
    /// <summary>Events appended per second through <see cref="EventStore"/> (validation, dedupe, lock, hashing, COPY).</summary>
    public double EventsPerSecond => Count / AppendSeconds;

    /// <summary>Rows per second of a plain binary COPY of the same rows (precomputed hashes, no checks).</summary>
    public double CopyRowsPerSecond => Count / CopySeconds;

    /// <summary>Append throughput as a fraction of raw COPY throughput.</summary>
    public double Ratio => EventsPerSecond / CopyRowsPerSecond;

    /// <summary>The report as <c>name: value</c> lines for the CLI.</summary>
    public IEnumerable<string> RenderLines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return $"count: {Count}";
        yield return $"batch_size: {BatchSize}";
        yield return string.Create(c, $"events_per_second: {EventsPerSecond:0}");
        yield return string.Create(c, $"copy_rows_per_second: {CopyRowsPerSecond:0}");
        yield return string.Create(c, $"ratio: {Ratio:0.00}");
    }
}

/// <summary>
/// Measures the event store's append path against the floor PostgreSQL sets: the same rows written by a bare binary
/// COPY into a table of identical columns and indexes. The store appends to the chain of the database it is given,
/// which must be an empty scratch database (it refuses one holding events); the COPY table is dropped at the end.
/// </summary>
public sealed class EventStoreBenchmark
{
    private const int BatchSize = 5000;

    /// <summary>Runs the benchmark with <paramref name="count"/> OrderPlaced events on a migrated scratch database holding no events.</summary>
    public async Task<EventsBenchmarkReport> RunAsync(NpgsqlDataSource scratch, int count, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var store = new EventStore(scratch, TimeProvider.System);
        if (await store.CountAsync(cancellationToken) is var held and > 0)
            throw new InvalidOperationException($"the event benchmark appends to the chain it is given, so it runs on an empty scratch database; this one holds {held} events");
        var rawTable = $"bench_raw_{Guid.NewGuid().ToString("N")[..12]}";
        await ExecuteAsync(scratch, $"CREATE TABLE {rawTable} (LIKE business_events INCLUDING ALL)", cancellationToken);
        try
        {
            progress.WriteLine($"generating {count} events");
            var events = Generate(count, seed: 7);
            var warmUp = Generate(Math.Min(10_000, count), seed: 8);
            var rows = Precompute(events);

            // Warm-up: JIT, connection pool and both tables' first pages, outside the timings.
            // Several small batches so the runtime's tiered JIT has promoted the hot methods before timing starts.
            var warmUpRows = Precompute(warmUp, firstSequence: count + 1);
            for (var offset = 0; offset < warmUp.Length; offset += 1000)
            {
                var length = Math.Min(1000, warmUp.Length - offset);
                await store.AppendAsync(new ArraySegment<NewEvent>(warmUp, offset, length), cancellationToken);
                await CopyAsync(scratch, rawTable, new ArraySegment<PrecomputedRow>(warmUpRows, offset, length), cancellationToken);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);

            // Batches alternate between the two paths so both see the same machine load (other work on a small box is noisy).
            progress.WriteLine($"{count} events in batches of {BatchSize}: EventStore.AppendAsync vs raw binary COPY, interleaved");
            var copyWatch = new Stopwatch();
            var appendWatch = new Stopwatch();
            for (var offset = 0; offset < events.Length; offset += BatchSize)
            {
                var length = Math.Min(BatchSize, events.Length - offset);
                copyWatch.Start();
                await CopyAsync(scratch, rawTable, new ArraySegment<PrecomputedRow>(rows, offset, length), cancellationToken);
                copyWatch.Stop();
                appendWatch.Start();
                await store.AppendAsync(new ArraySegment<NewEvent>(events, offset, length), cancellationToken);
                appendWatch.Stop();
            }

            var stored = await store.CountAsync(cancellationToken);
            if (stored != count + warmUp.Length)
                throw new InvalidOperationException($"benchmark appended {stored} rows, expected {count + warmUp.Length}");
            return new EventsBenchmarkReport(count, BatchSize, appendWatch.Elapsed.TotalSeconds, copyWatch.Elapsed.TotalSeconds);
        }
        finally
        {
            await ExecuteAsync(scratch, $"DROP TABLE IF EXISTS {rawTable}", CancellationToken.None);
        }
    }

    internal static NewEvent[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new NewEvent[count];
        for (var i = 0; i < count; i++)
        {
            var lines = random.Next(1, 4);
            var price = Math.Round(9.0 + random.NextDouble() * 90, 2);
            var data = JsonSerializer.SerializeToElement(new
            {
                order_id = $"o_{seed}_{i}",
                customer_id = $"c_{random.Next(20_000)}",
                channel = random.Next(3) switch { 0 => "shopify", 1 => "tiktok_live", _ => "web" },
                total = Math.Round(price * lines + 3.0, 2),
                currency = "AUD",
                lines = Enumerable.Range(0, lines).Select(l => new { product_id = $"p_{random.Next(500)}", quantity = 1, price }).ToArray(),
                live_show_id = random.Next(4) == 0 ? $"ls_{random.Next(40)}" : null,
                ip = $"203.0.113.{random.Next(256)}",
                device_id = $"d_{random.Next(50_000)}",
                billing_country = "AU",
                shipping_country = "AU",
                first_order = random.Next(5) == 0,
            });
            events[i] = new NewEvent(Guid.NewGuid(), "OrderPlaced", start.AddSeconds(i * 3 + random.NextDouble()), "shopify", data);
        }
        return events;
    }

    private readonly record struct PrecomputedRow(long Sequence, NewEvent Event, DateTimeOffset OccurredAt, byte[] Data, byte[] PrevHash, byte[] Hash);

    private static PrecomputedRow[] Precompute(NewEvent[] events, long firstSequence = 1)
    {
        using var hasher = new EventHasher();
        var rows = new PrecomputedRow[events.Length];
        var prev = EventHasher.GenesisHash.ToArray();
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            var occurredAt = EventHasher.ToStoredPrecision(e.OccurredAt);
            var hash = new byte[EventHasher.HashSize];
            hasher.Hash(firstSequence + i, e.EventId, e.Type, occurredAt, e.Source, e.Data, prev, hash);
            rows[i] = new PrecomputedRow(firstSequence + i, e, occurredAt, hasher.CanonicalData.ToArray(), prev, hash);
            prev = hash;
        }
        return rows;
    }

    private static async Task CopyAsync(NpgsqlDataSource ds, string table, IEnumerable<PrecomputedRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await ds.OpenConnectionAsync(cancellationToken);
        var recordedAt = DateTimeOffset.UtcNow;
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} (sequence, event_id, type, occurred_at, source, data, recorded_at, prev_hash, hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.Event.EventId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.Event.Type, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.Event.Source, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Data, NpgsqlDbType.Jsonb, cancellationToken);
            await importer.WriteAsync(recordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.PrevHash, NpgsqlDbType.Bytea, cancellationToken);
            await importer.WriteAsync(row.Hash, NpgsqlDbType.Bytea, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource ds, string sql, CancellationToken cancellationToken)
    {
        await using var command = ds.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
