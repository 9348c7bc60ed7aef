using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveShop.Plugins.Research.ProductPages;

/// <summary>What a product page says about the product: title, price and description, with where the price came from.</summary>
public sealed record ProductPage
{
    /// <summary>The address fetched (after redirects).</summary>
    public required string Url { get; init; }

    /// <summary>The product's name (JSON-LD Product name, og:title or the page title).</summary>
    public string? Title { get; init; }

    /// <summary>The offered price, if the page states one.</summary>
    public decimal? Price { get; init; }

    /// <summary>The price's ISO currency code, if stated.</summary>
    public string? Currency { get; init; }

    /// <summary>The product's description (JSON-LD, then meta description tags).</summary>
    public string? Description { get; init; }

    /// <summary>Where the price was read: <c>json-ld</c>, <c>meta</c> or null.</summary>
    public string? PriceSource { get; init; }
}

/// <summary>Reads title, price and description out of a product page's HTML: structured data first, then meta tags.</summary>
public static partial class ProductPageParser
{
    /// <summary>Parses <paramref name="html"/> fetched from <paramref name="url"/>.</summary>
    public static ProductPage Parse(string url, string html)
    {
        JsonElement? product = JsonLdProducts(html).Select(e => (JsonElement?)e).FirstOrDefault();
        var (price, currency) = product is { } p ? OfferPrice(p) : (null, null);
        var priceSource = price is null ? null : "json-ld";
        if (price is null)
        {
            price = Number(Meta(html, "product:price:amount") ?? Meta(html, "og:price:amount") ?? ItemProp(html, "price"));
            currency = Meta(html, "product:price:currency") ?? Meta(html, "og:price:currency") ?? ItemProp(html, "priceCurrency");
            if (price is not null) priceSource = "meta";
        }
        return new ProductPage
        {
            Url = url,
            Title = Clean(product is { } t ? Text(t, "name") : null) ?? Clean(Meta(html, "og:title")) ?? Clean(TitleTag().Match(html) is { Success: true } m ? m.Groups[1].Value : null),
            Price = price,
            Currency = Clean(currency),
            Description = Clean(product is { } d ? Text(d, "description") : null) ?? Clean(Meta(html, "og:description")) ?? Clean(Meta(html, "description")),
            PriceSource = priceSource,
        };
    }

    private static IEnumerable<JsonElement> JsonLdProducts(string html)
    {
        foreach (Match block in JsonLdScript().Matches(html))
        {
            JsonElement root;
            try { root = JsonDocument.Parse(WebUtility.HtmlDecode(block.Groups[1].Value).Trim()).RootElement; }
            catch (JsonException) { continue; }
            foreach (var product in Walk(root).Where(IsProduct)) yield return product;
        }
    }

    private static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) foreach (var found in Walk(item)) yield return found;
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            if (element.TryGetProperty("@graph", out var graph)) foreach (var found in Walk(graph)) yield return found;
        }
    }

    private static bool IsProduct(JsonElement element) =>
        element.TryGetProperty("@type", out var type) && (type.ValueKind == JsonValueKind.String
            ? IsProductType(type.GetString())
            : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => IsProductType(t.GetString())));

    private static bool IsProductType(string? type) => type is "Product" or "ProductGroup" or "http://schema.org/Product" or "https://schema.org/Product";

    private static (decimal? Price, string? Currency) OfferPrice(JsonElement product)
    {
        if (!product.TryGetProperty("offers", out var offers)) return (null, null);
        foreach (var offer in offers.ValueKind == JsonValueKind.Array ? offers.EnumerateArray().ToArray() : [offers])
        {
            if (offer.ValueKind != JsonValueKind.Object) continue;
            // An AggregateOffer states a range; its low price is what a shopper pays at least.
            var price = Number(Text(offer, "price")) ?? Number(Text(offer, "lowPrice"));
            if (price is null && offer.TryGetProperty("priceSpecification", out var spec) && spec.ValueKind == JsonValueKind.Object)
                price = Number(Text(spec, "price"));
            if (price is not null) return (price, Text(offer, "priceCurrency"));
        }
        return (null, null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static decimal? Number(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digits = NonNumeric().Replace(text, "");
        // "1.299,00" style: a comma after the last dot is the decimal separator.
        if (digits.Contains(',') && digits.LastIndexOf(',') > digits.LastIndexOf('.') && digits.Length - digits.LastIndexOf(',') <= 3)
            digits = digits.Replace(".", "").Replace(',', '.');
        else digits = digits.Replace(",", "");
        return decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
    }

    private static string? Meta(string html, string name)
    {
        foreach (Match tag in MetaTag().Matches(html))
        {
            var attributes = Attributes(tag.Value);
            var key = attributes.GetValueOrDefault("property") ?? attributes.GetValueOrDefault("name") ?? attributes.GetValueOrDefault("itemprop");
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && attributes.TryGetValue("content", out var content)) return content;
        }
        return null;
    }

    private static string? ItemProp(string html, string name)
    {
        foreach (Match tag in AnyTag().Matches(html))
        {
            var attributes = Attributes(tag.Value);
            if (string.Equals(attributes.GetValueOrDefault("itemprop"), name, StringComparison.Ordinal) && attributes.TryGetValue("content", out var content))
                return content;
        }
        return null;
    }

    private static Dictionary<string, string> Attributes(string tag) =>
        AttributePair().Matches(tag).GroupBy(m => m.Groups[1].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[3].Success ? g.First().Groups[3].Value : g.First().Groups[4].Value));

    private static string? Clean(string? text)
    {
        if (text is null) return null;
        var plain = Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(text, " ")), " ").Trim();
        return plain.Length == 0 ? null : plain.Length > 2000 ? plain[..2000] : plain;
    }

    [GeneratedRegex("""<script[^>]*type\s*=\s*["']application/ld\+json["'][^>]*>(.*?)</script>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex JsonLdScript();

    [GeneratedRegex("<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleTag();

    [GeneratedRegex("<meta\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaTag();

    [GeneratedRegex("<[a-z][a-z0-9]*\\b[^>]*\\bitemprop\\s*=[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AnyTag();

    [GeneratedRegex("""([a-zA-Z_:-]+)\s*=\s*("([^"]*)"|'([^']*)')""")]
    private static partial Regex AttributePair();

    [GeneratedRegex("[^0-9.,]")]
    private static partial Regex NonNumeric();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
