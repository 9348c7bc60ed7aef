using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.SignIn;
using LiveShop.Memory.Data.Entities.Platform;
using LiveShop.Memory.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>users set-password --user EMAIL [--revoke-api-keys]</c>: give a user a sign-in password (read from stdin, or
/// generated and printed). Every browser sign-in of the user ends; their API keys keep working unless revoked too.
/// <c>users add-integration --user EMAIL</c>: create a machine user that may ingest business events.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Manage the people who sign in.");
        var user = new Option<string>("--user") { Description = "Email of the user", Required = true };
        var generate = new Option<bool>("--generate") { Description = "Generate a password and print it instead of reading one from stdin" };
        var revokeKeys = new Option<bool>("--revoke-api-keys") { Description = "Also revoke every API key of the user (when the password may have leaked, the keys may have too)" };
        var setPassword = new Command("set-password",
            "Set a user's password: the first line of stdin, or a generated one printed once when stdin is empty or --generate is given. Ends the user's browser sign-ins.")
            { user, generate, revokeKeys };
        setPassword.SetAction(async (result, ct) =>
        {
            var password = result.GetValue(generate) || !Console.IsInputRedirected ? null : (await Console.In.ReadLineAsync(ct))?.Trim();
            var generated = string.IsNullOrEmpty(password);
            if (generated) password = UserPasswords.Generate();
            if (password!.Length < UserPasswords.MinimumLength)
                return ApprovalsCommand.Fail(result, $"a password needs at least {UserPasswords.MinimumLength} characters", LiveShopCli.UsageExitCode);

            var email = result.GetValue(user)!;
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), ct);
            var dataSource = host.DataSource;
            if (!await new UserPasswords(() => LiveShopDataSource.CreateContext(dataSource)).SetAsync(email, password, ct))
                return ApprovalsCommand.Fail(result, $"no user {email}", ApprovalsCommand.RefusedExitCode);
            result.Out().WriteLine(generated ? $"sign-in: {email} / {password}" : $"password set for {email}");

            var keys = new ApiKeyRegistry(() => LiveShopDataSource.CreateContext(dataSource), TimeProvider.System);
            if (result.GetValue(revokeKeys))
                result.Out().WriteLine($"revoked {Plural(await keys.RevokeAllAsync(email, ct), "API key")} of {email}");
            else if ((await keys.ListAsync(email, ct)).Count(k => k.RevokedAt is null) is > 0 and var active)
                result.Error().WriteLine($"{Plural(active, "API key")} of {email} still work; run again with --revoke-api-keys to revoke them too");
            return 0;
        });
        users.Add(setPassword);
        users.Add(AddIntegration());
        return users;
    }

    /// <summary>
    /// <c>users add-integration --user EMAIL [--name NAME]</c>: a machine user (role <c>integration</c>) whose API keys may
    /// ingest business events and nothing else; it has no password, so it cannot sign in to the console.
    /// </summary>
    private static Command AddIntegration()
    {
        var user = new Option<string>("--user") { Description = "Email-like name of the machine, e.g. shopify-sync@example.com", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name (default: the email)" };
        var command = new Command("add-integration", "Create a machine user with role integration (may only ingest business events through POST /api/events); then give it a key with apikey create.") { user, name };
        command.SetAction(async (result, ct) =>
        {
            var email = result.GetValue(user)!.Trim();
            if (email.Length == 0 || !email.Contains('@'))
                return ApprovalsCommand.Fail(result, "--user must be an email-like name such as shopify-sync@example.com", LiveShopCli.UsageExitCode);
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), ct);
            var dataSource = host.DataSource;
            await using var context = LiveShopDataSource.CreateContext(dataSource);
            var lowered = email.ToLowerInvariant();
            if (await context.Users.AnyAsync(u => u.Email.ToLower() == lowered, ct))
                return ApprovalsCommand.Fail(result, $"a user {email} already exists", ApprovalsCommand.RefusedExitCode);
            context.Users.Add(new User
            {
                Id = Guid.NewGuid(), Email = email, DisplayName = result.GetValue(name) ?? email, Role = "integration", CreatedAt = TimeProvider.System.GetUtcNow(),
            });
            await context.SaveChangesAsync(ct);
            result.Out().WriteLine($"integration user {email} created; give it a key with: ./liveshop apikey create --user {email}");
            return 0;
        });
        return command;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
