using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Automation;
using LiveShop.Memory.Serialization;
using Npgsql;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>autonomy off|on|status [--as EMAIL]</c>: the kill switch. Off turns every automated action into a proposal waiting
/// for the founder; only an enabled founder may change it (<c>--as</c> defaults to the one founder account).
/// </summary>
internal static class AutonomyCommand
{
    public const int RefusedExitCode = 1;

    public static Command Create()
    {
        var autonomy = new Command("autonomy", "The kill switch: whether automation acts on its own or only proposes (founder only).");
        autonomy.Add(Change("off", false, "Stop all automation from acting: its actions wait for the founder's approval."));
        autonomy.Add(Change("on", true, "Let automation act again within the verifier's limits."));
        var status = new Command("status", "Print whether autonomy is on, who changed it last and when (JSON).");
        status.SetAction(async (result, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var current = await host.Services.GetRequiredService<AutonomySwitch>().GetAsync(cancellationToken);
            result.Out().WriteLine(JsonSerializer.Serialize(current, JsonDefaults.Options));
            return 0;
        });
        autonomy.Add(status);
        return autonomy;
    }

    private static Command Change(string name, bool on, string description)
    {
        var actor = new Option<string?>("--as") { Description = "Email of the founder making the change (default: the founder account)" };
        var command = new Command(name, description) { actor };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var email = result.GetValue(actor) ?? await TheFounderAsync(host.DataSource, cancellationToken);
            if (email is null)
            {
                result.Error().WriteLine("name the founder with --as EMAIL (there is not exactly one enabled founder account)");
                return LiveShopCli.UsageExitCode;
            }
            var change = await host.Services.GetRequiredService<AutonomySwitch>().SetAsync(on, email, cancellationToken);
            if (!change.Succeeded)
            {
                result.Error().WriteLine(change.Message);
                return RefusedExitCode;
            }
            result.Out().WriteLine(JsonSerializer.Serialize(new { change.Status.On, change.Status.ChangedBy, change.Status.ChangedAt, change.Changed, change.Message },
                JsonDefaults.Options));
            return 0;
        });
        return command;
    }

    internal static async Task<string?> TheFounderAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT email FROM users WHERE role = 'founder' AND NOT disabled LIMIT 2");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var founders = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) founders.Add(reader.GetString(0));
        return founders.Count == 1 ? founders[0] : null;
    }
}
