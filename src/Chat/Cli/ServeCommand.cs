using System.CommandLine;
using LiveShop.Chat.Hosting;

namespace LiveShop.Chat.Cli;

/// <summary><c>serve [--urls URL]</c>: the console and every HTTP API in one process (the default verb).</summary>
internal static class ServeCommand
{
    private const string DefaultUrls = "http://127.0.0.1:7107";

    private static Option<string> UrlsOption() => new("--urls")
    {
        Description = $"Listen address(es), e.g. http://127.0.0.1:0 for a free port (default {DefaultUrls}, or ASPNETCORE_URLS)",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the console and APIs (default).");
        Configure(command);
        return command;
    }

    /// <summary>Gives a command (the root or <c>serve</c>) the serve option and action.</summary>
    public static void Configure(Command command)
    {
        var urls = UrlsOption();
        command.Add(urls);
        command.SetAction(async (result, cancellationToken) =>
        {
            var listen = result.GetValue(urls) ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrls;
            return await LiveShopWebApp.RunAsync(listen, cancellationToken);
        });
    }
}
