using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LiveShop.Chat.Hosting;
using LiveShop.Memory.Metrics.Store;
using LiveShop.Memory.Serialization;

namespace LiveShop.Chat.Cli;

/// <summary><c>metrics query|success</c>: the metrics store's series and the platform's success metrics.</summary>
internal static class MetricsCommand
{
    public static Command Create()
    {
        var metrics = new Command("metrics", "Read the metrics store (hourly and daily series) and the success metrics.");
        metrics.Add(Query());
        metrics.Add(MetricsSuccessCommand.Create());
        return metrics;
    }

    private static Command Query()
    {
        var metric = new Option<string>("--metric") { Description = "Metric: " + string.Join(", ", MetricCatalog.Names), Required = true };
        var grain = new Option<string?>("--grain") { Description = "business (default), channel, product or ad_set" };
        var id = new Option<string?>("--id") { Description = "The channel, product or ad set (not needed for business)" };
        var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd) or instant; default 30 days (hourly: 2 days) before --to" };
        var to = new Option<string?>("--to") { Description = "Last day, included (yyyy-MM-dd), or an instant, excluded; default the newest snapshot" };
        var resolution = new Option<string?>("--resolution") { Description = "day (default) or hour" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("query", "A metric's points for one entity over a time range.") { metric, grain, id, from, to, resolution, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = LiveShopConfiguration.Build();
            await using var host = await CliHost.OpenAsync(configuration, result.Error(), cancellationToken);
            MetricAnswer answer;
            try
            {
                answer = await host.Services.GetRequiredService<MetricsStore>().AnswerAsync(new MetricQuery(
                    result.GetValue(metric), result.GetValue(grain), result.GetValue(id), result.GetValue(from), result.GetValue(to),
                    result.GetValue(resolution)), cancellationToken);
            }
            catch (MetricQueryException e)
            {
                result.Error().WriteLine($"liveshop: --{e.Field}: {e.Message}");
                return LiveShopCli.UsageExitCode;
            }
            var output = result.Out();
            if (result.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(answer, JsonDefaults.Options));
                return 0;
            }
            output.WriteLine($"{answer.Metric} of {answer.Grain} {answer.EntityId}, {answer.Resolution}ly, {answer.From:yyyy-MM-dd HH:mm} .. {answer.To:yyyy-MM-dd HH:mm} UTC: {answer.Description}");
            if (answer.Points.Count == 0) output.WriteLine("no snapshot in this range");
            var format = answer.Resolution == MetricResolutions.Day ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm";
            foreach (var point in answer.Points)
                output.WriteLine($"{point.At.ToString(format, CultureInfo.InvariantCulture)}  {(point.Value is { } v ? Math.Round(v, 2).ToString(CultureInfo.InvariantCulture) : "none")}");
            return 0;
        });
        return command;
    }
}
