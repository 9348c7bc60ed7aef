using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.Messaging.Linking;

namespace LiveShop.Chat.Cli;

/// <summary><c>link CODE --user EMAIL</c>: confirms a Slack or Teams link code on the machine, tying that chat account to a product user.</summary>
internal static class LinkCommand
{
    /// <summary>Exit code when the code or the user is not accepted.</summary>
    public const int RefusedExitCode = 1;

    public static Command Create()
    {
        var code = new Argument<string>("code") { Description = "The code shown by /liveshop link (Slack) or the bot's link answer (Teams)." };
        var user = new Option<string>("--user") { Description = "Email of the LiveShop user to link to.", Required = true };
        var link = new Command("link", "Link a Slack or Teams account to a LiveShop user with its one-time code.") { code, user };
        link.SetAction(async (result, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var dataSource = host.DataSource;
            var confirmation = await new ChatUserLinks(dataSource, TimeProvider.System).ConfirmAsync(result.GetValue(code)!, result.GetValue(user)!, cancellationToken);
            (confirmation.Linked ? result.Out() : result.Error()).WriteLine(confirmation.Message);
            return confirmation.Linked ? 0 : RefusedExitCode;
        });
        return link;
    }
}
