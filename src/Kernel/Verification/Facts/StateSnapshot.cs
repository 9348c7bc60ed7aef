using System.Text.Json.Serialization;

namespace LiveShop.Kernel.Verification.Facts;

/// <summary>A point-in-time copy of the business facts the verifier needs (the <c>--state</c> file of the verify contract).</summary>
public sealed record StateSnapshot
{
    /// <summary>The instant the facts describe; every time window is measured back from here.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Cash position.</summary>
    public required FinanceFacts Finance { get; init; }

    /// <summary>The catalogue.</summary>
    public IReadOnlyList<ProductFact> Products { get; init; } = [];

    /// <summary>Ad sets and their performance.</summary>
    public IReadOnlyList<AdSetFact> AdSets { get; init; } = [];

    /// <summary>Orders.</summary>
    public IReadOnlyList<OrderFact> Orders { get; init; } = [];

    /// <summary>Refunds already made.</summary>
    public IReadOnlyList<RefundFact> Refunds { get; init; } = [];

    /// <summary>Recent ad budget changes.</summary>
    public IReadOnlyList<BudgetChangeFact> BudgetChanges { get; init; } = [];

    /// <summary>Recent price changes.</summary>
    public IReadOnlyList<PriceChangeFact> PriceChanges { get; init; } = [];
}

/// <summary>Cash position of the business.</summary>
public sealed record FinanceFacts
{
    /// <summary>Cash on hand.</summary>
    public required decimal CashBalance { get; init; }

    /// <summary>Average daily net cash burn (≤ 0 means the business is not burning cash).</summary>
    public required decimal AvgDailyNetBurn { get; init; }
}

/// <summary>A product with its unit economics.</summary>
public sealed record ProductFact
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public required decimal Price { get; init; }
    public required decimal UnitCost { get; init; }
    public decimal ShippingCost { get; init; }
    /// <summary>Payment and marketplace fees in percent of the price.</summary>
    public decimal FeesPct { get; init; }
    public int Stock { get; init; }
}

/// <summary>An ad set with its budget and return on ad spend.</summary>
public sealed record AdSetFact
{
    public required string Id { get; init; }
    public string? ProductId { get; init; }
    public required decimal DailyBudget { get; init; }
    /// <summary>Return on ad spend over the trailing 7 days.</summary>
    [JsonPropertyName("roas_7d")]
    public required decimal Roas7d { get; init; }
    /// <summary>A projection of ROAS at the new budget, when one exists; it wins over <see cref="Roas7d"/> for margins.</summary>
    public decimal? ProjectedRoas { get; init; }
    public string Status { get; init; } = "active";
}

/// <summary>An order with the signals fraud holds look at.</summary>
public sealed record OrderFact
{
    public required string Id { get; init; }
    public string? CustomerId { get; init; }
    public required decimal Total { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public string? Ip { get; init; }
    public string? DeviceId { get; init; }
    public string? BillingCountry { get; init; }
    public string? ShippingCountry { get; init; }
    public bool FirstOrder { get; init; }
    public decimal RefundedAmount { get; init; }
}

/// <summary>A refund already made.</summary>
public sealed record RefundFact
{
    public string? OrderId { get; init; }
    public string? CustomerId { get; init; }
    public required decimal Amount { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>A change of an ad set's daily budget.</summary>
public sealed record BudgetChangeFact
{
    public required string AdSetId { get; init; }
    public required decimal From { get; init; }
    public required decimal To { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>A change of a product's price.</summary>
public sealed record PriceChangeFact
{
    public required string ProductId { get; init; }
    public required decimal From { get; init; }
    public required decimal To { get; init; }
    public required DateTimeOffset At { get; init; }
}
