using System.CommandLine;
using System.Text.Json;
using LiveShop.Chat.Alerts;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Automation.Alerts;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary>
/// <c>alerts list|ack|resolve</c>: the alerts the anomaly scan and the reactions raised, newest first, and moving one
/// through acknowledged and resolved as the founder (<c>--as</c> names another user; the change is recorded under it).
/// </summary>
internal static class AlertsCommand
{
    /// <summary>Exit code when the alert is unknown or already past that step.</summary>
    public const int RefusedExitCode = 1;

    public static Command Create()
    {
        var alerts = new Command("alerts", "List alerts; acknowledge or resolve one.");

        var status = new Option<string?>("--status") { Description = $"Only alerts with this status ({string.Join(", ", AlertWording.StatusCodes)})" };
        var json = new Option<bool>("--json") { Description = "Print {\"alerts\": [...]} as JSON" };
        var limit = new Option<int>("--limit") { Description = "How many, newest first (default 200)", DefaultValueFactory = _ => 200 };
        var list = new Command("list", "Alerts newest first: kind, entity, metric, observed vs expected range, window, status.") { status, json, limit };
        list.SetAction(async (result, cancellationToken) =>
        {
            AlertStatus? only = null;
            if (result.GetValue(status) is { } typed)
            {
                if (!AlertWording.TryParseStatus(typed, out var parsed))
                    return ApprovalsCommand.Fail(result, $"'{typed}' is not an alert status ({string.Join(", ", AlertWording.StatusCodes)})", LiveShopCli.UsageExitCode);
                only = parsed;
            }
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var views = (await host.Services.GetRequiredService<AlertStore>().ListAsync(only, result.GetValue(limit), cancellationToken))
                .Select(AlertView.From).ToList();
            if (result.GetValue(json))
                result.Out().WriteLine(JsonSerializer.Serialize(new { Alerts = views }, JsonDefaults.Options));
            else if (views.Count == 0)
                result.Out().WriteLine(only is null ? "no alerts" : $"no {AlertStore.Code(only.Value)} alerts");
            else
                foreach (var view in views) result.Out().WriteLine(AlertWording.Line(view));
            return 0;
        });

        alerts.Add(list);
        alerts.Add(Move("ack", "Acknowledge an open alert: someone is on it.", "acknowledged",
            (store, id, user, ct) => store.AcknowledgeAsync(id, user, ct), "open"));
        alerts.Add(Move("resolve", "Resolve an alert: the incident is over (a new one may be raised after the cooldown).", "resolved",
            (store, id, user, ct) => store.ResolveAsync(id, user, ct), "open or acknowledged"));
        return alerts;
    }

    private static Command Move(string name, string description, string done, Func<AlertStore, Guid, string, CancellationToken, Task<bool>> move, string mustBe)
    {
        var id = new Argument<string>("id") { Description = "Alert id, as the list verb prints it" };
        var actor = new Option<string?>("--as") { Description = "Email of the user doing it (default: the founder account)" };
        var command = new Command(name, description) { id, actor };
        command.SetAction(async (result, cancellationToken) =>
        {
            var typed = result.GetValue(id)!;
            if (!Guid.TryParse(typed, out var alertId))
                return ApprovalsCommand.Fail(result, $"'{typed}' is not an alert id (a uuid, as the list verb prints it)", LiveShopCli.UsageExitCode);
            await using var host = await CliHost.OpenAsync(LiveShopConfiguration.Build(), result.Error(), cancellationToken);
            var user = result.GetValue(actor) ?? await AutonomyCommand.TheFounderAsync(host.DataSource, cancellationToken);
            if (user is null)
                return ApprovalsCommand.Fail(result, "name the user with --as EMAIL (there is not exactly one enabled founder account)", LiveShopCli.UsageExitCode);
            if (!await IsEnabledUserAsync(host.DataSource, user, cancellationToken))
                return ApprovalsCommand.Fail(result, $"{user} is not an enabled user", RefusedExitCode);
            if (!await move(host.Services.GetRequiredService<AlertStore>(), alertId, user, cancellationToken))
                return ApprovalsCommand.Fail(result, $"no {mustBe} alert {alertId} (unknown, or already {done})", RefusedExitCode);
            result.Out().WriteLine($"alert {alertId} {done} by {user}");
            return 0;
        });
        return command;
    }

    private static async Task<bool> IsEnabledUserAsync(Npgsql.NpgsqlDataSource dataSource, string email, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1) AND NOT disabled)");
        command.Parameters.Add(new() { Value = email });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
