namespace LiveShop.Memory.Data.Entities.Platform;

/// <summary>A key an HTTP API caller presents for a user; only the key's SHA-256 hash is kept, never the key.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>What the key is for, as its creator named it.</summary>
    public required string Name { get; set; }
    /// <summary>The key's first characters, shown in listings and used to find the row before comparing hashes.</summary>
    public required string Prefix { get; set; }
    /// <summary>SHA-256 of the whole key.</summary>
    public required byte[] KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>When the key stopped working; null while it is valid.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
