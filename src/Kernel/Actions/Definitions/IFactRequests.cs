namespace LiveShop.Kernel.Actions.Definitions;

/// <summary>
/// The facts an action's rules may ask for. Each request names what the rules read; the live provider turns them into
/// one batched read of the business database, a snapshot provider already holds them all.
/// </summary>
public interface IFactRequests
{
    /// <summary>The order with what has been refunded on it.</summary>
    void Order(string orderId);

    /// <summary>The refunds of the order's customer over the policy's trailing window.</summary>
    void CustomerRefundsOf(string orderId);

    /// <summary>Other orders from the order's ip or device over the policy's velocity window.</summary>
    void OrdersFromSameIpOrDevice(string orderId);

    /// <summary>The ad set with its ROAS over the policy's window, and every other active ad set (for the daily cap).</summary>
    void AdSetAndActiveAdSets(string adSetId);

    /// <summary>The product the ad set advertises.</summary>
    void ProductOfAdSet(string adSetId);

    /// <summary>The ad set's budget changes over the policy's look-back.</summary>
    void BudgetChanges(string adSetId);

    /// <summary>The product.</summary>
    void Product(string productId);

    /// <summary>The product's price changes over the policy's look-back.</summary>
    void PriceChanges(string productId);

    /// <summary>The cash balance and the average daily net burn.</summary>
    void Finance();
}
