using System.Text.Json;
using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Tests.Verification;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Commands;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Serialization;

namespace LiveShop.Kernel.Tests.Commands;

public sealed class VerifyCommandRunnerTests : IDisposable
{
    private static readonly byte[] Key = Enumerable.Repeat((byte)7, 32).ToArray();
    private readonly string _directory = Directory.CreateTempSubdirectory("liveshop-verify-").FullName;
    private readonly ManualTime _time = new(Scenario.AsOf);
    private readonly string _statePath;

    public VerifyCommandRunnerTests()
    {
        _statePath = Write("state.json", JsonSerializer.Serialize(new Scenario().Snapshot(), JsonDefaults.Options));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private (int Exit, string Stdout, string Stderr) Run(string packetJson, string? statePath = "", string? policyPath = null, IFactsProvider? live = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var runner = new VerifyCommandRunner(new ProofSigner(Key, _time), _time, live);
        var exit = runner.Run(Write("packet.json", packetJson), statePath == "" ? _statePath : statePath, policyPath, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1","amount":50,"reason":"late"}}""", 0, "allow")]
    [InlineData("""{"proposed_action":"scale_ad_set","parameters":{"ad_set_id":"as_7","new_daily_budget":"700"}}""", 10, "require_approval")]
    [InlineData("""{"proposed_action":"refund_order","parameters":{"order_id":"o_9","amount":50,"reason":"late"}}""", 20, "deny")]
    [InlineData("""{"proposed_action":"launch_rocket","parameters":{}}""", 20, "deny")]
    public void Verify_prints_one_verdict_and_exits_with_the_decision_code(string packet, int exitCode, string decision)
    {
        var (exit, stdout, stderr) = Run(packet);
        Assert.Equal(exitCode, exit);
        Assert.Empty(stderr);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal(decision, root.GetProperty("decision").GetString());
        foreach (var field in new[] { "action_id", "risk_level", "approver", "reasons" }) Assert.True(root.TryGetProperty(field, out _), field);
        var proof = root.GetProperty("proof");
        foreach (var field in new[] { "policy_version", "state_version", "invariant_checks", "issued_at", "expires_at", "signature" })
            Assert.True(proof.TryGetProperty(field, out _), field);
        Assert.Matches("^L[0-3]$", root.GetProperty("risk_level").GetString()!);
        Assert.Equal("2026-11-25T10:10:00Z", proof.GetProperty("expires_at").GetString());
    }

    [Fact]
    public void Proof_check_accepts_the_printed_verdict_and_refuses_a_tampered_one()
    {
        var (_, stdout, _) = Run("""{"action_id":"a_1","proposed_action":"refund_order","parameters":{"order_id":"o_1","amount":600,"reason":"x"}}""");
        var verdictPath = Write("verdict.json", stdout);
        var checker = new ProofCheckRunner(new ProofSigner(Key, _time));
        Assert.Equal(0, checker.Run(verdictPath, Path.Combine(_directory, "packet.json"), new StringWriter(), new StringWriter()));

        var tampered = Write("tampered.json", stdout.Replace("\"require_approval\"", "\"allow\""));
        var output = new StringWriter();
        Assert.Equal(20, checker.Run(tampered, null, output, new StringWriter()));
        Assert.Contains("bad_signature", output.ToString());

        _time.Now = Scenario.AsOf.AddMinutes(11);
        Assert.Equal(20, checker.Run(verdictPath, null, new StringWriter(), new StringWriter()));
        Assert.Equal(2, checker.Run(Write("junk.json", "{"), null, new StringWriter(), new StringWriter()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1","reason":"x"}}""")]
    [InlineData("""{"proposed_action":"refund_order","parameters":{"order_id":"o_1","amount":"abc","reason":"x"}}""")]
    [InlineData("""{"proposed_action":"refund_order","parameters":"o_1"}""")]
    public void Invalid_packet_exits_2_with_an_error_object(string packet)
    {
        var (exit, stdout, stderr) = Run(packet);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        using var document = JsonDocument.Parse(stderr);
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public void Missing_files_and_bad_state_or_policy_exit_2()
    {
        var packet = """{"proposed_action":"generate_report","parameters":{}}""";
        Assert.Equal(2, Run(packet, statePath: Path.Combine(_directory, "missing.json")).Exit);
        Assert.Equal(2, Run(packet, statePath: Write("bad-state.json", """{"as_of": 5}""")).Exit);
        Assert.Equal(2, Run(packet, policyPath: Write("bad.yaml", "refunds: [")).Exit);
        Assert.Equal(2, Run(packet, statePath: null).Exit);

        var stderr = new StringWriter();
        var runner = new VerifyCommandRunner(new ProofSigner(Key, _time), _time);
        Assert.Equal(2, runner.Run(Path.Combine(_directory, "no-packet.json"), _statePath, null, new StringWriter(), stderr));
        Assert.Contains("not found", stderr.ToString());
    }

    [Fact]
    public void Without_state_the_live_facts_provider_answers()
    {
        var live = new SnapshotFactsProvider(new Scenario().Snapshot());
        var (exit, stdout, _) = Run("""{"proposed_action":"fulfill_order","parameters":{"order_id":"o_1"}}""", statePath: null, live: live);
        Assert.Equal(0, exit);
        Assert.Contains("\"decision\":\"allow\"", stdout);
    }
}
