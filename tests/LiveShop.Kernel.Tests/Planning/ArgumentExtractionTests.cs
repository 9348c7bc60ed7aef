using System.ComponentModel;
using LiveShop.Kernel.Planning.Offline;
using Microsoft.SemanticKernel;

namespace LiveShop.Kernel.Tests.Planning;

public sealed class ArgumentExtractionTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("pay s_1 $5,000", 5000)]
    [InlineData("pay s_1 5000 dollars", 5000)]
    [InlineData("pay s_1 150 bucks", 150)]
    [InlineData("pay s_1 21.00", 21)]
    [InlineData("pay s_1 A$40", 40)]
    [InlineData("pay s_1 40 AUD", 40)]
    [InlineData("pay s_1 1.5k", 1500)]
    public void Money_in_every_usual_spelling_becomes_a_decimal(string text, double expected)
    {
        var arguments = Extract(nameof(TypedFunctions.Pay), text);

        Assert.Empty(arguments.Missing);
        Assert.Equal((decimal)expected, arguments.Values["amount"]);
        Assert.Equal("s_1", arguments.Values["supplier_id"]);
    }

    [Fact]
    public void Percentage_is_not_taken_for_an_amount_and_the_question_says_why()
    {
        var arguments = Extract(nameof(TypedFunctions.Pay), "pay s_1 15% more");

        var missing = Assert.Single(arguments.Missing);
        Assert.Equal("amount", missing.Parameter);
        Assert.NotNull(missing.Hint);
    }

    [Theory]
    [InlineData("ship it on 2026-12-03", 2026, 12, 3)]
    [InlineData("ship it on 3 Dec", 2026, 12, 3)]
    [InlineData("ship it on December 3rd, 2027", 2027, 12, 3)]
    [InlineData("ship it on 3/12/2026", 2026, 12, 3)]
    public void Dates_are_read_for_date_parameters(string text, int year, int month, int day)
    {
        var arguments = Extract(nameof(TypedFunctions.Schedule), text);

        Assert.Equal(new DateOnly(year, month, day), arguments.Values["on"]);
    }

    [Fact]
    public void Quantity_unit_cost_and_channel_land_on_their_own_parameters()
    {
        var reorder = Extract(nameof(TypedFunctions.Reorder), "restock p_4 with 300 units at $2.75 each for tiktok");

        Assert.Equal("p_4", reorder.Values["product_id"]);
        Assert.Equal(300, reorder.Values["quantity"]);
        Assert.Equal(2.75m, reorder.Values["unit_cost"]);
        Assert.Equal("tiktok_shop", reorder.Values["channel"]);
    }

    [Fact]
    public void Id_prefix_is_read_from_the_parameter_description()
    {
        var vendor = Extract(nameof(TypedFunctions.PayVendor), "pay vendor v_9 $10");
        var supplierIdGivenToAVendorFunction = Extract(nameof(TypedFunctions.PayVendor), "pay s_9 $10");

        Assert.Equal("v_9", vendor.Values["supplier_id"]);
        Assert.Equal("supplier_id", Assert.Single(supplierIdGivenToAVendorFunction.Missing).Parameter);
    }

    private static ExtractedArguments Extract(string method, string text)
    {
        var plugin = KernelPluginFactory.CreateFromType<TypedFunctions>("Typed");
        return ArgumentExtractor.Extract(plugin[method].Metadata, MessageSlots.Read(text, Today));
    }

    private sealed class TypedFunctions
    {
        [KernelFunction, Description("Pays.")]
        public string Pay([Description("The supplier, e.g. s_2.")] string supplier_id, decimal amount) => "";

        [KernelFunction, Description("Pays a vendor.")]
        public string PayVendor([Description("The vendor, e.g. v_1.")] string supplier_id, decimal amount) => "";

        [KernelFunction, Description("Schedules.")]
        public string Schedule(DateOnly on) => "";

        [KernelFunction, Description("Reorders.")]
        public string Reorder([Description("e.g. p_3")] string product_id, int quantity, string channel, decimal? unit_cost = null) => "";
    }
}
