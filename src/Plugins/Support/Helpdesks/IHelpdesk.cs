using LiveShop.Kernel.Actions.Definitions;
namespace LiveShop.Plugins.Support.Helpdesks;

/// <summary>One helpdesk's queue now and its first-response time over a window.</summary>
/// <param name="Provider">The integration id, e.g. <c>gorgias</c>.</param>
/// <param name="Open">Tickets not answered yet.</param>
/// <param name="Pending">Tickets answered, waiting for the customer or a resolution.</param>
/// <param name="UrgentOrHigh">Open or pending tickets of urgent or high priority.</param>
/// <param name="OldestOpenHours">Age of the oldest unanswered ticket; null when none.</param>
/// <param name="Created">Tickets created in the window.</param>
/// <param name="AverageFirstResponseHours">Average hours to the first answer of tickets created in the window; null when none answered.</param>
public sealed record SupportQueue(string Provider, int Open, int Pending, int UrgentOrHigh, double? OldestOpenHours, int Created, double? AverageFirstResponseHours);

/// <summary>
/// What a helpdesk (Gorgias, Zendesk, email) must offer: its queue and response times, and carrying out
/// <see cref="ContractActions"/> on its own tickets.
/// </summary>
public interface IHelpdesk
{
    /// <summary>The contract actions (CONTRACTS.md §1) a helpdesk carries out.</summary>
    static IReadOnlyList<string> ContractActions { get; } = ActionCatalog.ClaimableBy(IntegrationFamily.Support);

    /// <summary>The integration id.</summary>
    string IntegrationId { get; }

    /// <summary>The queue at <paramref name="now"/> and first responses to tickets created since <paramref name="from"/>.</summary>
    Task<SupportQueue> GetQueueAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken);
}
