namespace LiveShop.Memory.Data.Entities.Customers;

/// <summary>A customer of the shop, as known across channels.</summary>
public sealed class Customer
{
    /// <summary>Business id, e.g. <c>c_1</c>.</summary>
    public required string Id { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string Country { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
