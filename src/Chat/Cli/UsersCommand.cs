using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.SignIn;
using LiveShop.Memory.Database;

namespace LiveShop.Chat.Cli;

/// <summary><c>users set-password --user EMAIL</c>: give a user a sign-in password (read from stdin, or generated and printed).</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Manage the people who sign in.");
        var user = new Option<string>("--user") { Description = "Email of the user", Required = true };
        var generate = new Option<bool>("--generate") { Description = "Generate a password and print it instead of reading one from stdin" };
        var setPassword = new Command("set-password", "Set a user's password: the first line of stdin, or a generated one printed once when stdin is empty or --generate is given.") { user, generate };
        setPassword.SetAction(async (result, ct) =>
        {
            var password = result.GetValue(generate) || !Console.IsInputRedirected ? null : (await Console.In.ReadLineAsync(ct))?.Trim();
            var generated = string.IsNullOrEmpty(password);
            if (generated) password = UserPasswords.Generate();
            if (password!.Length < UserPasswords.MinimumLength)
                return ApprovalsCommand.Fail(result, $"a password needs at least {UserPasswords.MinimumLength} characters", LiveShopCli.UsageExitCode);

            var email = result.GetValue(user)!;
            var configuration = LiveShopConfiguration.Build();
            await using var dataSource = await DatabaseBootstrap.OpenAsync(configuration, result.Error(), ct);
            if (!await new UserPasswords(() => LiveShopDataSource.CreateContext(dataSource)).SetAsync(email, password, ct))
                return ApprovalsCommand.Fail(result, $"no user {email}", ApprovalsCommand.RefusedExitCode);
            result.Out().WriteLine(generated ? $"sign-in: {email} / {password}" : $"password set for {email}");
            return 0;
        });
        users.Add(setPassword);
        return users;
    }
}
