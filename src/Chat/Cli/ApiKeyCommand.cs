using System.CommandLine;
using LiveShop.Chat.Hosting;
using LiveShop.Chat.SignIn;
using LiveShop.Memory.Database;

namespace LiveShop.Chat.Cli;

/// <summary><c>apikey create|list|revoke</c>: keys HTTP API callers present as <c>Authorization: Bearer lsk_…</c>.</summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var apikey = new Command("apikey", "Create, list or revoke API keys.");

        var user = new Option<string>("--user") { Description = "Email of the user the key acts as", Required = true };
        var name = new Option<string?>("--name") { Description = "What the key is for" };
        var create = new Command("create", "Create a key and print it once; only its hash is kept.") { user, name };
        create.SetAction((result, ct) => WithRegistryAsync(result, async keys =>
        {
            var email = result.GetValue(user)!;
            var created = await keys.CreateAsync(email, result.GetValue(name) ?? "cli", ct);
            if (created is null) return ApprovalsCommand.Fail(result, $"no enabled user {email}", ApprovalsCommand.RefusedExitCode);
            result.Out().WriteLine(created.Value.Key);
            result.Error().WriteLine($"key {created.Value.Info.Id} for {email}: store it now, it is not shown again");
            return 0;
        }, ct));

        var listUser = new Option<string?>("--user") { Description = "Only this user's keys" };
        var list = new Command("list", "List keys (never the keys themselves).") { listUser };
        list.SetAction((result, ct) => WithRegistryAsync(result, async keys =>
        {
            foreach (var k in await keys.ListAsync(result.GetValue(listUser), ct))
                result.Out().WriteLine($"{k.Id}  {k.Prefix}…  {k.Email}  {k.Name}  created {k.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z  "
                    + (k.RevokedAt is null ? "active" : $"revoked {k.RevokedAt.Value.UtcDateTime:yyyy-MM-dd HH:mm}Z"));
            return 0;
        }, ct));

        var id = new Argument<string>("id") { Description = "Key id (from apikey list)" };
        var revoke = new Command("revoke", "Revoke a key; it stops working at once.") { id };
        revoke.SetAction((result, ct) => WithRegistryAsync(result, async keys =>
        {
            if (!Guid.TryParse(result.GetValue(id), out var keyId)) return ApprovalsCommand.Fail(result, "the id is a uuid", LiveShopCli.UsageExitCode);
            if (!await keys.RevokeAsync(keyId, ct)) return ApprovalsCommand.Fail(result, $"no active key {keyId}", ApprovalsCommand.RefusedExitCode);
            result.Out().WriteLine($"revoked {keyId}");
            return 0;
        }, ct));

        apikey.Add(create);
        apikey.Add(list);
        apikey.Add(revoke);
        return apikey;
    }

    private static async Task<int> WithRegistryAsync(ParseResult result, Func<ApiKeyRegistry, Task<int>> run, CancellationToken cancellationToken)
    {
        var configuration = LiveShopConfiguration.Build();
        await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
        var dataSource = host.DataSource;
        return await run(new ApiKeyRegistry(() => LiveShopDataSource.CreateContext(dataSource), TimeProvider.System));
    }
}
