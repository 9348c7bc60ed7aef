using System.Text;
using LiveShop.Chat.Messaging.Slack;

namespace LiveShop.Chat.Tests.Messaging;

public sealed class SlackSignatureTests
{
    // Slack's documented example: secret, timestamp, body and the signature they produce.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string Expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void Computes_Slacks_documented_signature() =>
        Assert.Equal(Expected, SlackSignature.Compute(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Verifies_within_five_minutes_and_refuses_outside()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        Assert.True(SlackSignature.Verify(Secret, Timestamp, Expected, body, At.AddMinutes(4)));
        Assert.False(SlackSignature.Verify(Secret, Timestamp, Expected, body, At.AddMinutes(6)));
        Assert.False(SlackSignature.Verify(Secret, Timestamp, Expected, body, At.AddMinutes(-6)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v0=00")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Refuses_missing_or_wrong_signatures(string? signature) =>
        Assert.False(SlackSignature.Verify(Secret, Timestamp, signature, Encoding.UTF8.GetBytes(Body), At));

    [Fact]
    public void Refuses_a_changed_body_and_a_malformed_timestamp()
    {
        Assert.False(SlackSignature.Verify(Secret, Timestamp, Expected, Encoding.UTF8.GetBytes(Body + "&x=1"), At));
        Assert.False(SlackSignature.Verify(Secret, "15314206l8", Expected, Encoding.UTF8.GetBytes(Body), At));
        Assert.False(SlackSignature.Verify("", Timestamp, Expected, Encoding.UTF8.GetBytes(Body), At));
    }
}
