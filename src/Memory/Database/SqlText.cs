namespace LiveShop.Memory.Database;

/// <summary>
/// Quoting for the few statements that cannot take parameters (CREATE DATABASE, CREATE ROLE, GRANT): always quoted, by
/// PostgreSQL's own rules, so a name or password is never read as SQL.
/// </summary>
internal static class SqlText
{
    /// <summary>A quoted identifier: <c>"name"</c> with embedded quotes doubled.</summary>
    public static string Identifier(string name) => $"\"{name.Replace("\"", "\"\"")}\"";

    /// <summary>A quoted string literal: <c>'text'</c> with embedded quotes doubled (standard_conforming_strings is on).</summary>
    public static string Literal(string text) => $"'{text.Replace("'", "''")}'";
}
