using LiveShop.Kernel.Tests.TestData;
using LiveShop.Kernel.Verification;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Serialization;
using System.Text.Json;

namespace LiveShop.Kernel.Tests.Verification;

public sealed class ProofSignerTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly ManualTime _time = new(Scenario.AsOf);
    private readonly Scenario _scenario = new();

    private (Verdict Verdict, ActionPacket Packet) SignedRefund()
    {
        var packet = ActionPacket.Create("refund_order", new { order_id = "o_1", amount = 600m, reason = "damaged" }, "act_1");
        var verdict = Verifier.Evaluate(_scenario.Policy, LiveShop.Kernel.Verification.Facts.BusinessFacts.From(_scenario.Snapshot()), packet, Scenario.AsOf);
        return (new ProofSigner(Key, _time).Sign(verdict), packet);
    }

    [Fact]
    public void Signed_verdict_verifies_with_its_packet()
    {
        var (verdict, packet) = SignedRefund();
        Assert.Equal(ProofStatus.Valid, new ProofSigner(Key, _time).Verify(verdict, packet).Status);
        Assert.Equal(Scenario.AsOf.AddMinutes(10), verdict.Proof.ExpiresAt);
    }

    [Fact]
    public void Signed_verdict_survives_a_json_round_trip()
    {
        var (verdict, _) = SignedRefund();
        var json = JsonSerializer.Serialize(verdict, JsonDefaults.Options);
        var read = JsonSerializer.Deserialize<Verdict>(json, JsonDefaults.Options)!;
        Assert.True(new ProofSigner(Key, _time).Verify(read).IsValid);
    }

    [Fact]
    public void Tampered_decision_breaks_the_signature()
    {
        var (verdict, _) = SignedRefund();
        var tampered = verdict with { Decision = Decision.Allow, Approver = Approver.None };
        Assert.Equal(ProofStatus.BadSignature, new ProofSigner(Key, _time).Verify(tampered).Status);
    }

    [Fact]
    public void Tampered_invariant_check_breaks_the_signature()
    {
        var (verdict, _) = SignedRefund();
        var checks = verdict.Proof.InvariantChecks.Select(c => c with { Status = CheckStatus.Pass }).ToList();
        var tampered = verdict with { Proof = verdict.Proof with { InvariantChecks = checks } };
        Assert.Equal(ProofStatus.BadSignature, new ProofSigner(Key, _time).Verify(tampered).Status);
    }

    [Fact]
    public void Proof_for_other_parameters_is_refused()
    {
        var (verdict, packet) = SignedRefund();
        var other = packet with { Parameters = JsonSerializer.SerializeToElement(new { order_id = "o_1", amount = 6000m, reason = "damaged" }) };
        Assert.Equal(ProofStatus.WrongParameters, new ProofSigner(Key, _time).Verify(verdict, other).Status);
    }

    [Fact]
    public void Proof_for_another_action_is_refused()
    {
        var (verdict, packet) = SignedRefund();
        Assert.Equal(ProofStatus.WrongAction, new ProofSigner(Key, _time).Verify(verdict, packet with { ProposedAction = "pay_creator" }).Status);
    }

    [Fact]
    public void Proof_signed_with_another_key_is_refused()
    {
        var (verdict, _) = SignedRefund();
        var otherKey = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();
        Assert.Equal(ProofStatus.BadSignature, new ProofSigner(otherKey, _time).Verify(verdict).Status);
    }

    [Fact]
    public void Proof_expires_after_its_lifetime()
    {
        var (verdict, packet) = SignedRefund();
        var signer = new ProofSigner(Key, _time);
        _time.Now = Scenario.AsOf.AddMinutes(10).AddTicks(-1);
        Assert.True(signer.Verify(verdict, packet).IsValid);
        _time.Now = Scenario.AsOf.AddMinutes(10);
        Assert.Equal(ProofStatus.Expired, signer.Verify(verdict, packet).Status);
    }

    [Fact]
    public void Unsigned_verdict_is_refused()
    {
        var (verdict, _) = SignedRefund();
        Assert.Equal(ProofStatus.Unsigned, new ProofSigner(Key, _time).Verify(verdict with { Proof = verdict.Proof with { Signature = null } }).Status);
    }

    [Fact]
    public void Key_store_generates_one_owner_only_key_and_reuses_it()
    {
        var directory = Path.Combine(Path.GetTempPath(), "liveshop-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = ProofKeyStore.LoadOrCreate((string?)null, directory);
            var second = ProofKeyStore.LoadOrCreate((string?)null, directory);
            Assert.Equal(32, first.Length);
            Assert.Equal(first, second);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, ProofKeyStore.FileName)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Configured_key_wins_over_the_key_file()
    {
        var configured = Convert.ToBase64String(Key);
        Assert.Equal(Key, ProofKeyStore.LoadOrCreate(configured, Path.Combine(Path.GetTempPath(), "unused-" + Guid.NewGuid())));
        var error = Assert.Throws<InvalidOperationException>(() => ProofKeyStore.LoadOrCreate("not base64!", "/tmp"));
        Assert.DoesNotContain("not base64!", error.Message);
    }
}

internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
