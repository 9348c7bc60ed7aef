using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Verification.Commands;

namespace LiveShop.Chat.Cli;

/// <summary><c>proof check VERDICT [--action PACKET]</c>: check a verdict's signature and freshness offline (exit 0 valid, 20 not, 2 unreadable).</summary>
internal static class ProofCommand
{
    public static Command Create()
    {
        var proof = new Command("proof", "Work with the signed proofs verdicts carry.");
        var file = new Argument<string>("VERDICT") { Description = "A verdict JSON file, as ./liveshop verify prints it" };
        var action = new Option<string?>("--action") { Description = "The action packet the verdict should speak of" };
        var check = new Command("check", "Check a verdict's signature, expiry and (with --action) that it is bound to that action.") { file, action };
        check.SetAction(result =>
        {
            if (!VerifyCommand.TryCreateSigner(LiveShopConfiguration.Build(), result.Error(), out var signer)) return VerifyExitCodes.Failure;
            return new ProofCheckRunner(signer).Run(result.GetValue(file)!, result.GetValue(action), result.Out(), result.Error());
        });
        proof.Add(check);
        return proof;
    }
}
