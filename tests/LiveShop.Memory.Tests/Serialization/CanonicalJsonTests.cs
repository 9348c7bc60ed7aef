using System.Text.Json;
using LiveShop.Memory.Serialization;

namespace LiveShop.Memory.Tests.Serialization;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Key_order_and_white_space_do_not_change_the_canonical_text()
    {
        var a = JsonDocument.Parse("""{ "b": 1, "a": { "y": [1, 2], "x": "s" } }""").RootElement;
        var b = JsonDocument.Parse("""{"a":{"x":"s","y":[1,2]},"b":1}""").RootElement;

        Assert.Equal(CanonicalJson.ToString(a), CanonicalJson.ToString(b));
        Assert.Equal("""{"a":{"x":"s","y":[1,2]},"b":1}""", CanonicalJson.ToString(a));
    }

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("1.5e0", "1.5")]
    [InlineData("100", "100")]
    [InlineData("1e2", "100")]
    [InlineData("-0", "0")]
    [InlineData("0.000", "0")]
    [InlineData("42000.10", "42000.1")]
    public void Numbers_have_one_canonical_form(string raw, string expected) =>
        Assert.Equal(expected, CanonicalJson.CanonicalNumber(raw));

    [Fact]
    public void Array_order_is_kept()
    {
        var value = JsonDocument.Parse("[3,1,2]").RootElement;
        Assert.Equal("[3,1,2]", CanonicalJson.ToString(value));
    }
}

public sealed class CanonicalJsonNumberFastPathTests
{
    [Theory]
    [InlineData("0")] [InlineData("-0")] [InlineData("0.5")] [InlineData("-0.5")] [InlineData("0.50")] [InlineData("-0.0")]
    [InlineData("78")] [InlineData("78.10")] [InlineData("1234567890.12345")] [InlineData("123456789012345678")]
    [InlineData("1e2")] [InlineData("1E-3")] [InlineData("100.000")] [InlineData("0.1000000000000000000000000000001")]
    public void Numbers_inside_documents_match_CanonicalNumber(string raw) =>
        Assert.Equal($"[{CanonicalJson.CanonicalNumber(raw)}]", CanonicalJson.ToString(JsonDocument.Parse($"[{raw}]").RootElement));
}
