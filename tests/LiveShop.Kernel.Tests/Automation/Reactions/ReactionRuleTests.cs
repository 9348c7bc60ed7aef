using LiveShop.Kernel.Automation.Reactions;

namespace LiveShop.Kernel.Tests.Automation.Reactions;

/// <summary>The reactions' decisions as pure rules, at their boundaries.</summary>
public sealed class ReactionRuleTests
{
    [Theory]
    [InlineData("Where is my order o_1?", "Tracking hasn't moved for days", "normal", TicketUrgency.Normal, TicketSentiment.Negative, TicketCategory.DeliveryStatus)]
    [InlineData("Refund request for o_2", "I'd like a refund: damaged.", "high", TicketUrgency.High, TicketSentiment.Negative, TicketCategory.RefundRequest)]
    [InlineData("Does this ship to Perth?", "Hi, quick question", "low", TicketUrgency.Low, TicketSentiment.Neutral, TicketCategory.Question)]
    [InlineData("Order", "I will file a chargeback", "low", TicketUrgency.Urgent, TicketSentiment.Neutral, TicketCategory.Other)]
    [InlineData("Thanks!", "Love it", "normal", TicketUrgency.Normal, TicketSentiment.Positive, TicketCategory.Other)]
    public void Triage_reads_urgency_sentiment_and_category_from_the_words(
        string subject, string body, string priority, TicketUrgency urgency, TicketSentiment sentiment, TicketCategory category) =>
        Assert.Equal(new TicketTriageResult(urgency, sentiment, category), TicketTriage.Classify(subject, body, priority));

    [Fact]
    public void The_fault_is_reported_by_the_refund_that_reaches_the_count_only()
    {
        Assert.False(RepeatedFaultRule.Reaches(["r1", "r2"], "r2", 3));
        Assert.True(RepeatedFaultRule.Reaches(["r1", "r2", "r3"], "r3", 3));
        Assert.False(RepeatedFaultRule.Reaches(["r1", "r2", "r3", "r4"], "r4", 3));
        Assert.False(RepeatedFaultRule.Reaches(["r1"], "r1", 0));
    }

    [Fact]
    public void The_repair_price_restores_the_floor_to_the_cent()
    {
        var price = MarginRepair.PriceForFloor(22m, 5m, 5m, 15m);
        Assert.Equal(33.75m, price);
        Assert.True(MarginRepair.MarginPct(price!.Value, 22m, 5m, 5m) >= 15m);
        Assert.True(MarginRepair.MarginPct(price.Value - 0.01m, 22m, 5m, 5m) < 15m);
        Assert.Null(MarginRepair.PriceForFloor(10m, 1m, 50m, 50m));
    }

    [Theory]
    [InlineData(3, 10, 0, 10, 17)]    // no sales: twice the reorder point less stock
    [InlineData(5, 10, 56, 10, 75)]   // 2 a day for 10 + 30 days = 80, less 5
    [InlineData(50, 10, 0, 10, 1)]    // never less than one unit
    public void Reorders_cover_the_lead_time_and_a_month_of_sales(int stock, int reorderPoint, int sold, int leadTime, int expected) =>
        Assert.Equal(expected, ReorderQuantity.For(stock, reorderPoint, sold, leadTime));
}
