using System.Text;
using LiveShop.Memory.Serialization;

namespace LiveShop.Memory.Tests.Serialization;

public sealed class JsonTextValidatorTests
{
    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":"gift \ud83c\udf81","b":["\u00e9t\u00e9"]}""")]
    [InlineData("""{"a":"🎁 été"}""")]
    [InlineData("""{"a":"broken""")]
    public void Valid_text_or_malformed_JSON_is_not_reported(string json) =>
        Assert.Null(JsonTextValidator.FindInvalidText(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"a":"x\ud800"}""", "a")]
    [InlineData("""{"a":"\udc00x"}""", "a")]
    [InlineData("""{"a":"\ud800\u0041"}""", "a")]
    [InlineData("""{"a":{"b":[1,"ok","\ud800"]}}""", "a.b[2]")]
    [InlineData("""[{"x":1},{"y":"\udfff"}]""", "[1].y")]
    [InlineData("""{"\ud800":1}""", "?")]
    public void Lone_surrogate_escapes_are_reported_at_their_path(string json, string path) =>
        Assert.Equal(path, JsonTextValidator.FindInvalidText(Encoding.UTF8.GetBytes(json))?.Path);

    [Fact]
    public void Invalid_UTF8_bytes_are_reported_at_their_path()
    {
        var json = Encoding.UTF8.GetBytes("""{"ok":"fine","parameters":{"reason":"X"}}""");
        json[Array.IndexOf(json, (byte)'X')] = 0xFF;

        Assert.Equal("parameters.reason", JsonTextValidator.FindInvalidText(json)?.Path);
        Assert.Equal("$", JsonTextValidator.FindInvalidText([0xFF, 0xFE])?.Path);
    }

    [Fact]
    public void UnicodeText_refuses_unpaired_surrogates()
    {
        Assert.True(UnicodeText.IsValid("abc"));
        Assert.True(UnicodeText.IsValid("a" + char.ConvertFromUtf32(0x1F381) + "b"));
        Assert.False(UnicodeText.IsValid("a" + (char)0xD800 + "b"));
        Assert.False(UnicodeText.IsValid("ab" + (char)0xDC00));
        Assert.False(UnicodeText.IsValidUtf8([0xC3, 0x28]));
        Assert.True(UnicodeText.IsValidUtf8("été"u8));
    }
}
