using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;

namespace LiveShop.Bench.Events;

/// <summary>
/// The client-side CPU of one event append, step by step: validating the data shape, canonicalising it and
/// hashing the chained record. The macro figure (with PostgreSQL) is <c>./liveshop bench events</c>.
/// </summary>
[MemoryDiagnoser]
public class EventAppendPathBenchmarks
{
    private readonly EventHasher _hasher = new();
    private readonly byte[] _hash = new byte[EventHasher.HashSize];
    private NewEvent _event = null!;

    [GlobalSetup]
    public void SetUp()
    {
        var data = JsonSerializer.SerializeToElement(new
        {
            order_id = "o_104223",
            customer_id = "c_5512",
            channel = "tiktok_shop",
            total = 78.40m,
            currency = "AUD",
            ip = "203.0.113.17",
            device_id = "d_9f2c",
            billing_country = "AU",
            shipping_country = "AU",
            first_order = true,
            lines = new[] { new { product_id = "p_3", quantity = 2, unit_price = 29.95m }, new { product_id = "p_11", quantity = 1, unit_price = 12.50m } },
        }, JsonDefaults.Options);
        _event = new NewEvent(Guid.NewGuid(), "OrderPlaced", EventHasher.ToStoredPrecision(DateTimeOffset.UtcNow), "tiktok_shop", data);
    }

    [Benchmark]
    public int Validate() => EventValidator.Validate([_event]).Count;

    [Benchmark]
    public int Canonicalise() => CanonicalJson.ToUtf8Bytes(_event.Data).Length;

    [Benchmark(Baseline = true)]
    public byte HashChainedRecord()
    {
        _hasher.Hash(1042, _event.EventId, _event.Type, _event.OccurredAt, _event.Source, _event.Data, EventHasher.GenesisHash, _hash);
        return _hash[0];
    }
}
