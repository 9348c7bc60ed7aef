using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LiveShop.Memory.Data.EntityConfigurations;

/// <summary>Column shapes shared by the entity configurations, so every id, percentage and status looks the same.</summary>
internal static class ColumnConventions
{
    /// <summary>Business ids come from external platforms ("p_1", "o_1042", Shopify gids): text, bounded.</summary>
    public const int IdLength = 64;
    /// <summary>"sha256:" followed by 64 hex digits, with room to spare.</summary>
    public const int HashLength = 80;
    public const int CodeLength = 32;
    public const int NameLength = 200;
    public const int TitleLength = 300;
    public const int EmailLength = 320;
    /// <summary>Long enough for an IPv6 address in text form.</summary>
    public const int IpLength = 45;

    /// <summary>Money: numeric(14,2), exact to the cent (also the model-wide default for decimals).</summary>
    public static PropertyBuilder<decimal> IsMoney(this PropertyBuilder<decimal> property) => property.HasPrecision(14, 2);

    /// <summary>A percentage in percent (18.2 means 18.2 %): numeric(7,3).</summary>
    public static PropertyBuilder<decimal> IsPercent(this PropertyBuilder<decimal> property) => property.HasPrecision(7, 3);

    /// <summary>A business id column.</summary>
    public static PropertyBuilder<TText> IsBusinessId<TText>(this PropertyBuilder<TText> property) => property.HasMaxLength(IdLength);

    /// <summary>An ISO 3166-1 alpha-2 country code.</summary>
    public static PropertyBuilder<TText> IsCountryCode<TText>(this PropertyBuilder<TText> property) =>
        property.HasMaxLength(2);

    /// <summary>A short code such as a status, channel or role.</summary>
    public static PropertyBuilder<TText> IsCode<TText>(this PropertyBuilder<TText> property) => property.HasMaxLength(CodeLength);

    /// <summary>SQL for "column is one of these values", for check constraints over closed vocabularies.</summary>
    public static string OneOf(string column, IEnumerable<string> values) =>
        $"{column} IN ({string.Join(", ", values.Select(v => $"'{v.Replace("'", "''")}'"))})";

    /// <summary>Adds a check constraint that the column holds one of the given values.</summary>
    public static void HasOneOfConstraint<T>(this EntityTypeBuilder<T> builder, string name, string column, IEnumerable<string> values)
        where T : class =>
        builder.ToTable(t => t.HasCheckConstraint(name, OneOf(column, values)));
}
