using LiveShop.Memory.Events;
using LiveShop.Memory.Serialization;
using LiveShop.Testing;

namespace LiveShop.Memory.Tests.Events;

/// <summary>jsonb re-orders keys, drops white space and expands exponents: none of it may look like tampering.</summary>
public sealed class CanonicalHashingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly EventStore _store = new(database.DataSource, TimeProvider.System);

    [Theory]
    [InlineData("""{ "total": 1.50 }""")]
    [InlineData("""{ "total": 1e2 }""")]
    [InlineData("""{ "total": 1.5E+3, "tax": 2.50e-1 }""")]
    [InlineData("""{ "total": 0.1, "fee": 0.30000000000000004 }""")]
    [InlineData("""{ "total": 12345678901234567890123456789012345 }""")]
    [InlineData("""{ "total": 1e30, "tiny": 1.5e-30, "neg": -0, "zero": 0.000 }""")]
    [InlineData("""{ "total": 9007199254740993, "big": 79228162514264337593543950336 }""")]
    [InlineData("""{ "total": 3, "zz": { "b": [1, { "y": 2.0, "x": null }], "a": true }, "aa": "é \u00e9 \" \\ \/ \n 日本 😀 \ud83d\ude00" }""")]
    [InlineData("""{ "total": 3, "longer_key": 1, "k": 2, "K": 3, "é": 4, "e": 5 }""")]
    public async Task Hash_survives_jsonb_normalisation(string extra)
    {
        var data = TestEvents.Json(extra.Replace("{ \"total\"", """{ "order_id": "o", "customer_id": "c", "channel": "web", "currency": "AUD", "total" """.TrimEnd()));
        await _store.AppendAsync(new NewEvent(Guid.NewGuid(), "OrderPlaced", TestEvents.At, "shopify", data));

        var verification = await _store.VerifyChainAsync();

        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public void Hasher_writes_data_exactly_as_CanonicalJson_does()
    {
        var data = TestEvents.Json("""{ "b": [1.50, 1e2], "a": { "d": "x\u00e9", "c": -0 } }""");
        using var hasher = new EventHasher();
        var hash = new byte[32];

        hasher.Hash(1, Guid.Empty, "OrderPlaced", TestEvents.At, "shopify", data, EventHasher.GenesisHash, hash);

        Assert.Equal(CanonicalJson.ToUtf8Bytes(data), hasher.CanonicalData.ToArray());
        Assert.Equal(
            """{"data":{"a":{"c":0,"d":"xé"},"b":[1.5,100]},"event_id":"00000000-0000-0000-0000-000000000000","occurred_at":"2026-11-25T10:00:00.000000Z","prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","sequence":1,"source":"shopify","type":"OrderPlaced"}""",
            System.Text.Encoding.UTF8.GetString(hasher.CanonicalRecord));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(hasher.CanonicalRecord)), Convert.ToHexStringLower(hash));
    }
}
