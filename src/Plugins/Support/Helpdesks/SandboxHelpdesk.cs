using LiveShop.Kernel.Actions.Definitions.Support;
using LiveShop.Kernel.Actions.Definitions;
using LiveShop.Memory.Data;
using LiveShop.Plugins.Integrations;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Plugins.Support.Helpdesks;

/// <summary>
/// The sandbox of every helpdesk: answers for one integration id from the support tickets <see cref="SupportRouting"/>
/// assigns to it. Its action (<see cref="RespondTicketAction"/>) is carried out by the sandbox executor.
/// </summary>
public sealed class SandboxHelpdesk(IDbContextFactory<LiveShopDbContext> contexts, string integrationId) : IHelpdesk
{
    private static readonly string[] Closed = ["resolved", "closed"];

    /// <summary>One sandbox helpdesk per support integration of the catalog, in catalog order.</summary>
    public static IReadOnlyList<IHelpdesk> ForEveryHelpdesk(IDbContextFactory<LiveShopDbContext> contexts) =>
        IntegrationCatalog.All.Where(i => i.Family == IntegrationFamily.Support).Select(i => (IHelpdesk)new SandboxHelpdesk(contexts, i.Id)).ToList();

    /// <inheritdoc />
    public string IntegrationId => integrationId;

    /// <inheritdoc />
    public async Task<SupportQueue> GetQueueAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The routing is a rule over channel values, so the few distinct channels are resolved here, not in SQL.
        var channels = (await db.SupportTickets.Select(t => t.Channel).Distinct().ToListAsync(cancellationToken))
            .Where(c => SupportRouting.ProviderFor(c) == integrationId).ToList();
        var tickets = db.SupportTickets.AsNoTracking().Where(t => channels.Contains(t.Channel) && t.CreatedAt <= now);
        var queue = await tickets.Where(t => !Closed.Contains(t.Status))
            .Select(t => new { t.Status, t.Priority, t.CreatedAt }).ToListAsync(cancellationToken);
        var created = await tickets.Where(t => t.CreatedAt >= from)
            .Select(t => new { t.CreatedAt, t.FirstResponseAt }).ToListAsync(cancellationToken);
        var open = queue.Where(t => t.Status == "open").ToList();
        var answered = created.Where(t => t.FirstResponseAt is not null && t.FirstResponseAt <= now).ToList();
        return new SupportQueue(
            integrationId,
            open.Count,
            queue.Count(t => t.Status == "pending"),
            queue.Count(t => t.Priority is "urgent" or "high"),
            open.Count == 0 ? null : Math.Round((now - open.Min(t => t.CreatedAt)).TotalHours, 1),
            created.Count,
            answered.Count == 0 ? null : Math.Round(answered.Average(t => (t.FirstResponseAt!.Value - t.CreatedAt).TotalHours), 1));
    }
}
