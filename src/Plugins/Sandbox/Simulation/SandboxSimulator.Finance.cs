namespace LiveShop.Plugins.Sandbox.Simulation;

// Money after the sale: the double-entry books, weekly channel settlements and card disputes.
public sealed partial class SandboxSimulator
{
    private void PostJournal(DateTimeOffset at, string description, string sourceType, string sourceId,
        IReadOnlyList<(string Account, decimal Debit, decimal Credit)> lines)
    {
        var id = _random.NextGuid();
        var ledgerLines = lines.Where(l => l.Debit != 0 || l.Credit != 0)
            .Select(l => new LedgerLineRecord(World.NextLedgerLineId++, id, l.Account, SeededDraws.Money(l.Debit), SeededDraws.Money(l.Credit)))
            .ToList();
        if (ledgerLines.Sum(l => l.Debit) != ledgerLines.Sum(l => l.Credit))
            throw new InvalidOperationException($"journal '{description}' does not balance");
        var entry = new JournalEntryRecord(id, at, description, sourceType, sourceId, ledgerLines);
        World.JournalEntries.Add(entry);
        Emit("LedgerEntryCreated", at, "xero", new
        {
            JournalEntryId = id, Description = description, SourceType = sourceType, SourceId = sourceId, Amount = ledgerLines.Sum(l => l.Debit),
            Lines = ledgerLines.Select(l => new { l.AccountCode, l.Debit, l.Credit }).ToList(),
        });
    }

    private void PostDailyJournals(DateOnly day)
    {
        var close = Midnight(day).AddHours(23).AddMinutes(59);
        foreach (var channel in SandboxCatalogue.Channels)
        {
            if (!World.Tallies.TryGetValue((channel, day), out var t) || t.Orders == 0) continue;
            PostJournal(close, $"{channel} sales {day:yyyy-MM-dd} ({t.Orders} orders)", "daily_sales", $"{channel}:{day:yyyy-MM-dd}",
            [
                ("1100", t.Gross, 0m), ("4000", 0m, t.Subtotal), ("4100", 0m, t.Shipping),
                ("5000", t.CostOfGoods, 0m), ("1200", 0m, t.CostOfGoods),
            ]);
            if (t.Commissions > 0)
                PostJournal(close, $"{channel} creator commissions {day:yyyy-MM-dd}", "commissions", $"{channel}:{day:yyyy-MM-dd}",
                    [("6200", t.Commissions, 0m), ("2100", 0m, t.Commissions)]);
        }
        foreach (var platform in World.Campaigns.Select(c => c.Platform).Distinct().Order())
        {
            var adSetIds = World.AdSets.Where(a => World.Campaigns.First(c => c.Id == a.CampaignId).Platform == platform).Select(a => a.Id).ToHashSet();
            var spend = World.AdMetrics.Where(m => m.Date == day && adSetIds.Contains(m.AdSetId)).Sum(m => m.Spend);
            if (spend > 0)
                PostJournal(close, $"{platform} ad spend {day:yyyy-MM-dd}", "ad_spend", $"{platform}:{day:yyyy-MM-dd}",
                    [("6100", spend, 0m), ("1000", 0m, spend)]);
        }
    }

    private void ReceiveSettlements(DateOnly day)
    {
        // Wednesday: each channel pays out the Monday–Sunday week before last Sunday.
        var periodEnd = day.AddDays(-3);
        var periodStart = periodEnd.AddDays(-6);
        if (periodEnd < World.StartDate) return;
        foreach (var channel in SandboxCatalogue.Channels)
        {
            var gross = 0m; var fees = 0m; var refunds = 0m;
            for (var d = periodStart; d <= periodEnd; d = d.AddDays(1))
                if (World.Tallies.TryGetValue((channel, d), out var t)) { gross += t.Gross; fees += t.Fees; refunds += t.Refunds; }
            if (gross == 0) continue;
            var expected = gross - fees - refunds;
            var mismatch = _random.Chance(0.1);
            var received = mismatch ? expected - SeededDraws.Money(_random.Between(4, 140)) : expected;
            var at = _random.TimeOn(day, 0, 6);
            var settlement = new SettlementRecord($"st_{World.NextSettlementNumber++}", channel, periodStart, periodEnd, gross, fees, refunds,
                received, expected, at, mismatch ? "mismatch" : "matched");
            World.Settlements.Add(settlement);
            Emit("SettlementReceived", at, channel, new
            {
                SettlementId = settlement.Id, Amount = received, Currency = SandboxCatalogue.Currency, Provider = channel, Channel = channel,
                PeriodStart = Midnight(periodStart), PeriodEnd = Midnight(periodEnd.AddDays(1)), GrossAmount = gross, Fees = fees,
                RefundsAmount = refunds, ExpectedNetAmount = expected,
            });
            if (mismatch)
                Emit("ReconciliationMismatch", at.AddMinutes(2), "xero", new
                {
                    ReconciliationId = $"rec_{settlement.Id}", Expected = expected, Actual = received, AccountCode = "1000",
                    SettlementId = settlement.Id, Reference = $"{channel} payout {periodStart:yyyy-MM-dd}", Difference = expected - received,
                });
            var difference = expected - received;
            PostJournal(at, $"{channel} settlement {periodStart:yyyy-MM-dd}–{periodEnd:yyyy-MM-dd}", "settlement", settlement.Id,
            [
                ("1000", received, 0m), ("6000", fees, 0m),
                ("6900", Math.Max(difference, 0m), Math.Max(-difference, 0m)), ("1100", 0m, gross - refunds),
            ]);
        }
    }

    private void OpenDisputeStep(OpenDispute step)
    {
        var order = World.Orders[World.OrderIndex[step.OrderId]];
        var payment = World.Payments[World.PaymentByOrder[order.Id]];
        var dispute = new DisputeRecord($"dp_{World.NextDisputeNumber++}", order.Id, payment.Id, order.Total, step.Reason, "open", step.At, null);
        World.DisputeIndex[dispute.Id] = World.Disputes.Count;
        World.Disputes.Add(dispute);
        Emit("ChargebackOpened", step.At, payment.Provider, new
        {
            ChargebackId = $"cb_{dispute.Id[3..]}", DisputeId = dispute.Id, Currency = SandboxCatalogue.Currency, OrderId = order.Id, PaymentId = payment.Id, Amount = dispute.Amount, Reason = step.Reason,
        });
        Emit("DisputeOpened", step.At.AddSeconds(1), payment.Provider, new
        {
            DisputeId = dispute.Id, OrderId = order.Id, PaymentId = payment.Id, Amount = dispute.Amount, Reason = step.Reason,
        });
        Schedule(new SubmitEvidence(step.At.AddDays(_random.Between(1, 5)), dispute.Id));
    }

    private void SubmitEvidenceStep(SubmitEvidence step)
    {
        var index = World.DisputeIndex[step.DisputeId];
        var dispute = World.Disputes[index] = World.Disputes[index] with { Status = "under_review" };
        var provider = World.Payments[World.PaymentByOrder[dispute.OrderId]].Provider;
        var fraudulent = dispute.Reason == "fraudulent";
        Emit("EvidenceSubmitted", step.At, provider, new
        {
            DisputeId = dispute.Id, OrderId = dispute.OrderId, EvidenceId = $"ev_{dispute.Id[3..]}", SubmittedBy = "agent:quality_risk",
            Documents = fraudulent ? new[] { "delivery_confirmation", "ip_and_device_log" } : new[] { "product_photos", "tracking" },
        });
        Schedule(new ResolveDispute(step.At.AddDays(_random.Between(10, 30)), dispute.Id, Won: _random.Chance(fraudulent ? 0.2 : 0.6)));
    }

    private void ResolveDisputeStep(ResolveDispute step)
    {
        var index = World.DisputeIndex[step.DisputeId];
        var dispute = World.Disputes[index] = World.Disputes[index] with { Status = step.Won ? "won" : "lost", ResolvedAt = step.At };
        var provider = World.Payments[World.PaymentByOrder[dispute.OrderId]].Provider;
        Emit("DisputeResolved", step.At, provider, new
        {
            DisputeId = dispute.Id, OrderId = dispute.OrderId, Outcome = dispute.Status, Amount = dispute.Amount,
        });
        if (step.Won) return;
        UpdateOrder(dispute.OrderId, o => o with { Status = "charged_back" });
        PostJournal(step.At, $"Chargeback lost on {dispute.OrderId}", "dispute", dispute.Id,
            [("6300", dispute.Amount, 0m), ("1100", 0m, dispute.Amount)]);
    }
}
