using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Kernel.Success;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary><c>metrics success [--days 30] [--json]</c>: autonomy, proof pass and rollback rates, profit per decision, time to market, cost per order.</summary>
internal static class MetricsSuccessCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Trailing days the figures cover", DefaultValueFactory = _ => 30 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("success", "The platform's success metrics from the decision log and the metrics store.") { days, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var window = result.GetValue(days);
            if (window is < 1 or > 3650)
            {
                result.Error().WriteLine("liveshop: --days must be between 1 and 3650");
                return LiveShopCli.UsageExitCode;
            }
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            var report = await host.Services.GetRequiredService<SuccessMetricsQuery>().GetAsync(window, cancellationToken);
            var output = result.Out();
            if (result.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(report, JsonDefaults.Options));
                return 0;
            }
            output.WriteLine($"success metrics, {report.From:yyyy-MM-dd} .. {report.To.AddDays(-1):yyyy-MM-dd}");
            foreach (var metric in report.Metrics)
                output.WriteLine($"{metric.Name}: {(metric.Value is { } v ? Math.Round(v, 2).ToString(CultureInfo.InvariantCulture) : "no data")} ({metric.Basis})");
            return 0;
        });
        return command;
    }
}
