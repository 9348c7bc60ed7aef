using System.Text.Json;
using LiveShop.Chat.Tests.Support;
using LiveShop.Testing;

namespace LiveShop.Chat.Tests.Cli;

/// <summary><c>./liveshop verify</c> and <c>./liveshop proof check</c> as a real process, per CONTRACTS.md §1.</summary>
public sealed class VerifyCommandTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private const string Snapshot = """
        {
          "as_of": "2026-11-25T10:00:00Z",
          "finance": { "cash_balance": 42000, "avg_daily_net_burn": 1500 },
          "orders": [ { "id": "o_1", "customer_id": "c_1", "total": 780.0, "placed_at": "2026-11-24T10:00:00Z", "ip": "10.0.0.1",
                        "device_id": "d_1", "billing_country": "AU", "shipping_country": "AU", "first_order": false, "refunded_amount": 0 } ]
        }
        """;

    private static readonly string[] ContractFields = ["action_id", "decision", "risk_level", "approver", "reasons", "proof"];
    private static readonly string[] ProofFields = ["policy_version", "state_version", "invariant_checks", "issued_at", "expires_at", "signature"];

    private readonly string _directory = Directory.CreateTempSubdirectory("liveshop-verify-").FullName;

    // --state runs must not need the database: the connection string points nowhere.
    private Dictionary<string, string> Offline => new()
    {
        ["ConnectionStrings__LiveShop"] = "Host=203.0.113.1;Port=1;Database=nowhere;Timeout=2",
        ["LiveShop__DataDirectory"] = Path.Combine(_directory, "data"),
    };

    private Dictionary<string, string> Live => new()
    {
        ["ConnectionStrings__LiveShop"] = database.ConnectionString,
        ["ConnectionStrings__LiveShopOwner"] = database.OwnerConnectionString,
        ["LiveShop__DataDirectory"] = Path.Combine(_directory, "data"),
    };

    [Theory]
    [InlineData(20, 0, "allow", "L1")]
    [InlineData(150, 10, "require_approval", "L2")]
    [InlineData(600, 10, "require_approval", "L3")]
    [InlineData(781, 20, "deny", "L3")]
    public async Task Verify_with_a_snapshot_prints_one_verdict_and_exits_with_its_decision(int amount, int exitCode, string decision, string risk)
    {
        var result = await Verify(Packet("o_1", amount), Snapshot);

        Assert.True(exitCode == result.ExitCode, result.StandardError);
        using var verdict = SingleJsonObject(result.StandardOutput);
        foreach (var field in ContractFields) Assert.True(verdict.RootElement.TryGetProperty(field, out _), $"missing {field}");
        foreach (var field in ProofFields) Assert.True(verdict.RootElement.GetProperty("proof").TryGetProperty(field, out _), $"missing proof.{field}");
        Assert.Equal(decision, verdict.RootElement.GetProperty("decision").GetString());
        Assert.Equal(risk, verdict.RootElement.GetProperty("risk_level").GetString());
        Assert.StartsWith("snapshot:", verdict.RootElement.GetProperty("proof").GetProperty("state_version").GetString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{ \"proposed_action\": ", "malformed JSON")]
    [InlineData("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1","reason":"x"}}""", "'amount' is required")]
    [InlineData("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1","amount":"lots","reason":"x"}}""", "'amount'")]
    [InlineData("""{"parameters":{}}""", "'proposed_action' is required")]
    public async Task Invalid_packets_exit_2_with_an_error_object_on_stderr(string packet, string message)
    {
        var result = await Verify(packet, Snapshot);

        AssertInvalidInput(result, message);
    }

    [Fact]
    public async Task Unreadable_files_exit_2_with_an_error_object_on_stderr()
    {
        var missing = await CliProcess.RunAsync(["verify", "--action", Path.Combine(_directory, "nope.json"), "--state", Write("s.json", Snapshot)], Offline);
        var directory = await CliProcess.RunAsync(["verify", "--action", Write("p.json", Packet("o_1", 5)), "--state", _directory], Offline);
        var badState = await CliProcess.RunAsync(["verify", "--action", Write("p.json", Packet("o_1", 5)), "--state", Write("bad.json", "{\"as_of\": 3}")], Offline);

        AssertInvalidInput(missing, "not found");
        AssertInvalidInput(directory, "state snapshot");
        AssertInvalidInput(badState, "as_of");
    }

    [Fact]
    public async Task An_amount_with_more_decimals_than_the_currency_exits_2_naming_the_parameter()
    {
        var result = await Verify("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1","amount":10.005,"reason":"damaged"}}""", Snapshot);

        AssertInvalidInput(result, "parameter 'amount' of refund_order must be a number with at most 2 decimals");
    }

    [Fact]
    public async Task A_missing_action_option_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync(["verify", "--state", Write("s.json", Snapshot)], Offline);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--action", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Proof_check_accepts_the_printed_verdict_and_refuses_a_tampered_one()
    {
        var packet = Write("packet.json", """{"action_id":"a_42","proposed_action":"refund_order","parameters":{"order_id":"o_1","amount":20,"reason":"x"}}""");
        var verified = await CliProcess.RunAsync(["verify", "--action", packet, "--state", Write("s.json", Snapshot)], Offline);
        Assert.Equal(0, verified.ExitCode);
        var verdictFile = Write("verdict.json", verified.StandardOutput);
        var tampered = Write("tampered.json", verified.StandardOutput.Replace("\"decision\":\"allow\"", "\"decision\":\"deny\""));
        var otherPacket = Write("other.json", """{"action_id":"a_42","proposed_action":"refund_order","parameters":{"order_id":"o_1","amount":700,"reason":"x"}}""");

        var valid = await CliProcess.RunAsync(["proof", "check", verdictFile, "--action", packet], Offline);
        var forged = await CliProcess.RunAsync(["proof", "check", tampered], Offline);
        var otherParameters = await CliProcess.RunAsync(["proof", "check", verdictFile, "--action", otherPacket], Offline);
        var unreadable = await CliProcess.RunAsync(["proof", "check", Write("empty.json", "")], Offline);

        Assert.True(valid.ExitCode == 0, valid.StandardOutput + valid.StandardError);
        Assert.True(SingleJsonObject(valid.StandardOutput).RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(20, forged.ExitCode);
        Assert.False(SingleJsonObject(forged.StandardOutput).RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(20, otherParameters.ExitCode);
        AssertInvalidInput(unreadable, "empty");
    }

    [Fact]
    public async Task Without_a_snapshot_the_live_database_answers()
    {
        await OrderRows.AddAsync(database, "o_live", total: 100m, refunded: 60m);

        var within = await CliProcess.RunAsync(["verify", "--action", Write("a.json", Packet("o_live", 40))], Live);
        var beyond = await CliProcess.RunAsync(["verify", "--action", Write("b.json", Packet("o_live", 41))], Live);

        Assert.True(within.ExitCode == 0, within.StandardError);
        Assert.Equal(20, beyond.ExitCode);
        using var verdict = SingleJsonObject(beyond.StandardOutput);
        Assert.StartsWith("events:", verdict.RootElement.GetProperty("proof").GetProperty("state_version").GetString());
        Assert.Contains(verdict.RootElement.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("exceeds what is left to refund"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CliProcess.Result> Verify(string packet, string snapshot) =>
        CliProcess.RunAsync(["verify", "--action", Write("packet.json", packet), "--state", Write("state.json", snapshot)], Offline);

    private static string Packet(string orderId, int amount) =>
        $$$"""{"proposed_action":"refund_order","agent":"returns_refunds","parameters":{"order_id":"{{{orderId}}}","amount":{{{amount}}},"reason":"damaged"}}""";

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N")[..8] + "-" + name);
        File.WriteAllText(path, content);
        return path;
    }

    private static JsonDocument SingleJsonObject(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        var document = JsonDocument.Parse(lines[0]);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document;
    }

    private static void AssertInvalidInput(CliProcess.Result result, string message)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Equal("", result.StandardOutput);
        using var error = SingleJsonObject(result.StandardError);
        Assert.Contains(message, error.RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("   at ", result.StandardError);
    }
}
