using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiveShop.Memory.Serialization;

namespace LiveShop.Memory.Events;

/// <summary>
/// Computes the chain hash of one stored event: SHA-256 over the canonical JSON object
/// <c>{"data":…,"event_id":"…","occurred_at":"yyyy-MM-ddTHH:mm:ss.ffffffZ","prev_hash":"hex","sequence":N,"source":"…","type":"…"}</c>
/// (keys sorted, data in <see cref="CanonicalJson"/> form), so anyone can re-derive it from the row alone.
/// One instance reuses its buffers across events; it is not thread-safe.
/// </summary>
internal sealed class EventHasher : IDisposable
{
    /// <summary>The prev_hash of the first event: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> GenesisHash => new byte[32];

    public const int HashSize = 32;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Must match CanonicalJson's writer so data bytes are the same as CanonicalJson.ToUtf8Bytes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText EventIdName = JsonEncodedText.Encode("event_id");
    private static readonly JsonEncodedText OccurredAtName = JsonEncodedText.Encode("occurred_at");
    private static readonly JsonEncodedText PrevHashName = JsonEncodedText.Encode("prev_hash");
    private static readonly JsonEncodedText SequenceName = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");

    private readonly ArrayBufferWriter<byte> _data = new(1024);
    private readonly ArrayBufferWriter<byte> _record = new(2048);
    private readonly Utf8JsonWriter _dataWriter;
    private readonly Utf8JsonWriter _recordWriter;

    public EventHasher()
    {
        _dataWriter = new Utf8JsonWriter(_data, WriterOptions);
        _recordWriter = new Utf8JsonWriter(_record, WriterOptions);
    }

    /// <summary>The canonical UTF-8 data of the event last hashed (valid until the next call).</summary>
    public ReadOnlySpan<byte> CanonicalData => _data.WrittenSpan;

    /// <summary>The canonical record bytes of the event last hashed (what the hash is taken over).</summary>
    public ReadOnlySpan<byte> CanonicalRecord => _record.WrittenSpan;

    /// <summary>PostgreSQL keeps microseconds: what is hashed must be what is stored.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - utcTicks % 10, TimeSpan.Zero);
    }

    /// <summary>Hashes one event into <paramref name="hash"/> (32 bytes); occurred_at must already be at stored precision.</summary>
    public void Hash(long sequence, Guid eventId, string type, DateTimeOffset occurredAt, string source, JsonElement data,
        ReadOnlySpan<byte> prevHash, Span<byte> hash)
    {
        _data.ResetWrittenCount();
        _dataWriter.Reset(_data);
        CanonicalJson.Write(_dataWriter, data);
        _dataWriter.Flush();
        HashCanonical(sequence, eventId, type, occurredAt, source, _data.WrittenSpan, prevHash, hash);
    }

    /// <summary>
    /// Hashes one event whose data is already in canonical form (see <see cref="CanonicalJson.ToUtf8Bytes"/>), so the
    /// costly canonicalisation can run ahead, in parallel, and only the chaining stays sequential.
    /// </summary>
    public void HashCanonical(long sequence, Guid eventId, string type, DateTimeOffset occurredAt, string source, ReadOnlySpan<byte> canonicalData,
        ReadOnlySpan<byte> prevHash, Span<byte> hash)
    {
        _record.ResetWrittenCount();
        _recordWriter.Reset(_record);
        var w = _recordWriter;
        w.WriteStartObject();
        w.WritePropertyName(DataName);
        w.WriteRawValue(canonicalData, skipInputValidation: true);
        w.WriteString(EventIdName, eventId);
        Span<byte> time = stackalloc byte[40];
        occurredAt.UtcDateTime.TryFormat(time, out var timeLength, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
        w.WriteString(OccurredAtName, time[..timeLength]);
        Span<char> hex = stackalloc char[HashSize * 2];
        Convert.TryToHexStringLower(prevHash, hex, out _);
        w.WriteString(PrevHashName, hex);
        w.WriteNumber(SequenceName, sequence);
        w.WriteString(SourceName, source);
        w.WriteString(TypeName, type);
        w.WriteEndObject();
        w.Flush();

        SHA256.HashData(_record.WrittenSpan, hash);
    }

    public void Dispose()
    {
        _dataWriter.Dispose();
        _recordWriter.Dispose();
    }
}
