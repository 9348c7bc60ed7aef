using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

/// <summary>
/// <c>simulate --json</c> with shocks (CONTRACTS.md §6): the automation runs on the simulated clock, the shocks bring the
/// alerts they should, every automated action went through the verifier, and no executed proof fails afterwards.
/// </summary>
public sealed class SimulateAutomationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private Dictionary<string, string> Environment() => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        // A scratch database needs an owner login that may create databases and pgvector: the superuser stands in for it.
        ["ConnectionStrings__LiveShopOwner"] = database.AdminConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(Path.GetTempPath(), "liveshop-simulate-test"),
    };

    private const string Stockout = """{"kind":"stockout","day":12,"days":10,"product":"p_5"}""";
    private const string SupplierCost = """{"kind":"supplier_cost","day":8,"days":30,"supplier":"s_3","pct":60}""";
    private const string DeliveryDelay = """{"kind":"delivery_delay","day":20,"days":10,"provider":"au_3pl","days_added":10}""";

    [Fact]
    public async Task Shocks_bring_their_alerts_on_their_days_and_every_automated_action_went_through_the_verifier()
    {
        var report = await RunAsync(["--days", "30", "--seed", "7", "--shock", Stockout, "--shock", SupplierCost, "--shock", DeliveryDelay]);

        Assert.Equal(30, report.GetProperty("days").GetInt32());
        foreach (var field in new[] { "events", "orders", "revenue", "net_profit" }) Assert.True(report.GetProperty(field).GetDecimal() > 0, field);
        Assert.Equal(0, report.GetProperty("invariant_violations").GetInt32());
        var alerts = report.GetProperty("alerts").EnumerateArray().ToList();

        var stockout = Assert.Single(alerts, a => Kind(a) == "stockout" && Entity(a) == "p_5");
        Assert.Equal(12, stockout.GetProperty("day").GetInt32());
        Assert.Equal(0m, stockout.GetProperty("observed").GetDecimal());
        var cost = Assert.Single(alerts, a => Kind(a) == "supplier_cost_increase" && Entity(a) == "s_3");
        Assert.Equal(8, cost.GetProperty("day").GetInt32());
        Assert.Equal(60m, cost.GetProperty("observed").GetDecimal());
        var late = alerts.Where(a => Kind(a) == "delivery_delay").ToList();
        Assert.NotEmpty(late);
        Assert.All(late, a => Assert.InRange(a.GetProperty("day").GetInt32(), 21, 30));
        Assert.All(late, a => Assert.True(a.GetProperty("observed").GetDecimal() > a.GetProperty("expected_high").GetDecimal()));
        // Nothing the shocks did not cause: no stockout, cost or delivery alert before its shock began.
        Assert.DoesNotContain(alerts, a => Kind(a) is "stockout" or "supplier_cost_increase" or "delivery_delay" && a.GetProperty("day").GetInt32() < 8);

        foreach (var action in report.GetProperty("automated_actions").EnumerateArray())
        {
            Assert.StartsWith("automation:", action.GetProperty("requested_by").GetString());
            Assert.Contains(action.GetProperty("decision").GetString(), new[] { "allow", "require_approval", "deny" });
            Assert.Equal(JsonValueKind.Object, action.GetProperty("arguments").ValueKind);
            Assert.InRange(action.GetProperty("day").GetInt32(), 1, 30);
        }
    }

    [Fact]
    public async Task The_same_seed_and_shocks_give_the_same_report_apart_from_its_timing()
    {
        string[] args = ["--days", "6", "--seed", "5", "--history-days", "20", "--shock", """{"kind":"stockout","day":2,"days":3,"product":"p_3"}"""];
        var first = await RunAsync(args);
        var second = await RunAsync(args);
        Assert.Equal(WithoutTiming(first), WithoutTiming(second));
    }

    [Theory]
    [InlineData("""{"kind":"earthquake","day":1}""", "kind")]
    [InlineData("""{"kind":"cpm_spike","day":1,"platform":"myspace","pct":20}""", "platform")]
    [InlineData("""{"kind":"stockout","day":1,"product":"p_9999"}""", "product")]
    [InlineData("""not json""", "json")]
    public async Task A_bad_shock_is_a_usage_error_naming_its_field(string shock, string field)
    {
        var result = await CliProcess.RunAsync(["simulate", "--days", "2", "--scratch", "--history-days", "3", "--json", "--shock", shock], Environment());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--shock {field}:", result.StandardError);
        Assert.DoesNotContain("Unhandled", result.StandardError);
    }

    private async Task<JsonElement> RunAsync(IReadOnlyList<string> args)
    {
        var result = await CliProcess.RunAsync(["simulate", "--scratch", "--json", .. args], Environment());
        Assert.True(result.ExitCode == 0, result.StandardError);
        var last = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonDocument.Parse(last).RootElement.Clone();
    }

    private static string Kind(JsonElement alert) => alert.GetProperty("kind").GetString()!;

    private static string Entity(JsonElement alert) => alert.GetProperty("entity_id").GetString()!;

    private static string WithoutTiming(JsonElement report) =>
        JsonSerializer.Serialize(report.EnumerateObject().Where(p => p.Name != "seconds").ToDictionary(p => p.Name, p => p.Value));
}
