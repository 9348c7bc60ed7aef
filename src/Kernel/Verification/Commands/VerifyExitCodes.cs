namespace LiveShop.Kernel.Verification.Commands;

/// <summary>Exit codes of <c>./liveshop verify</c> and <c>./liveshop proof check</c>, as the verify contract fixes them.</summary>
public static class VerifyExitCodes
{
    public const int Allow = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    public const int RequireApproval = 10;
    public const int Deny = 20;

    /// <summary>The exit code for a decision.</summary>
    public static int For(Decision decision) => decision switch
    {
        Decision.Allow => Allow,
        Decision.RequireApproval => RequireApproval,
        _ => Deny,
    };
}
