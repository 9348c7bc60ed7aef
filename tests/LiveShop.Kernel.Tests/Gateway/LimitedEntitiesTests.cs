using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Verification;

namespace LiveShop.Kernel.Tests.Gateway;

public sealed class LimitedEntitiesTests
{
    private static IReadOnlyList<LimitedEntity> Of(string action, object parameters) => LimitedEntities.Of(ActionPacket.Create(action, parameters));

    [Fact]
    public void A_refund_limits_its_order_then_the_customer_reached_through_it()
    {
        Assert.Equal([new(LimitScope.Order, "o_1"), new(LimitScope.Customer, "o_1")],
            Of("refund_order", new { order_id = "o_1", amount = 60, reason = "damaged" }));
    }

    [Fact]
    public void Scaling_an_ad_set_limits_the_ad_set_then_the_business_wide_daily_cap()
    {
        Assert.Equal([new(LimitScope.AdSet, "as_7"), new(LimitScope.DailyBudgetCap, LimitedEntities.Business)],
            Of("scale_ad_set", new { ad_set_id = "as_7", new_daily_budget = 600 }));
    }

    [Fact]
    public void A_price_change_limits_its_product_and_reorders_and_payments_the_cash()
    {
        Assert.Equal([new(LimitScope.Product, "p_1")], Of("change_price", new { product_id = "p_1", new_price = 39 }));
        var cash = new LimitedEntity(LimitScope.Cash, LimitedEntities.Business);
        Assert.Equal([cash], Of("reorder_stock", new { product_id = "p_1", quantity = 50 }));
        Assert.Equal([cash], Of("pay_supplier", new { supplier_id = "sup_1", amount = 120 }));
        Assert.Equal([cash], Of("pay_creator", new { creator_id = "cr_1", amount = 80 }));
    }

    [Fact]
    public void Actions_whose_verdict_reads_no_running_total_limit_nothing()
    {
        Assert.Empty(Of("respond_ticket", new { ticket_id = "t_1", message = "Thanks" }));
        Assert.Empty(Of("fulfill_order", new { order_id = "o_1" }));
        Assert.Empty(Of("draft_copy", new { }));
        Assert.Empty(Of("refund_order", new { amount = 60 }));
    }

    [Fact]
    public void Every_action_takes_its_locks_in_one_global_order_so_none_can_deadlock()
    {
        foreach (var action in ActionCatalog.Actions.Keys)
        {
            var scopes = Of(action, new { order_id = "o_1", ad_set_id = "as_1", product_id = "p_1", supplier_id = "s", creator_id = "c" }).Select(e => e.Scope).ToList();
            Assert.Equal(scopes.Order(), scopes);
            Assert.Equal(scopes.Distinct(), scopes);
        }
    }
}
