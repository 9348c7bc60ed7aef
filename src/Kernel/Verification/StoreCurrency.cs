namespace LiveShop.Kernel.Verification;

/// <summary>
/// The store currency's smallest unit, the one definition every money parameter is checked against: an amount with
/// more decimals than the currency has (a refund of 10.005 AUD) cannot be paid, so it is refused as invalid input rather
/// than silently rounded by a connector or a database column.
/// </summary>
public static class StoreCurrency
{
    /// <summary>ISO 4217 code of the store currency.</summary>
    public const string Code = "AUD";

    /// <summary>Decimals of the store currency's minor unit (cents).</summary>
    public const int Decimals = 2;

    /// <summary>Whether <paramref name="amount"/> is a whole number of minor units (trailing zeros do not count: 10.500 is 10.50).</summary>
    public static bool IsWholeMinorUnits(decimal amount) => decimal.Round(amount, Decimals) == amount;
}
