using LiveShop.Kernel.Automation.Alerts;

namespace LiveShop.Chat.Tests.Alerts;

/// <summary>Alert drafts for the surfaces' tests: a refund spike of one product over a week of whole days.</summary>
internal static class AlertSamples
{
    public static readonly DateTimeOffset WindowFrom = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public static AlertDraft RefundSpike(string product) => new(
        AlertKinds.RefundSpike, "refund_rate", "product", product, 0.31m, 0.02m, 0.08m, WindowFrom, WindowFrom.AddDays(7),
        $"Refunds of {product} are far above their usual rate.", "automation:alert_scan");

    /// <summary>How the surfaces word <see cref="RefundSpike"/>.</summary>
    public static string Seen(string product) => $"refund_rate of product {product} was 0.31, expected 0.02–0.08, from 2026-11-20 to 2026-11-26";
}
