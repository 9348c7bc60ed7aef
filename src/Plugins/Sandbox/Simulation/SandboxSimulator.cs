namespace LiveShop.Plugins.Sandbox.Simulation;

/// <summary>What one simulated day produced: its events (in time order) and a few headline numbers.</summary>
public sealed record BusinessDay(DateOnly Date, IReadOnlyList<SimulatedEvent> Events, int OrdersPlaced, decimal Revenue, decimal AdSpend);

/// <summary>
/// Advances the sandbox business one day at a time. Everything random comes from ONE seeded <see cref="Random"/>
/// and every time from the simulated calendar, so the same seed and start date always yield the same world.
/// </summary>
public sealed partial class SandboxSimulator
{
    private readonly Random _random;
    private readonly List<SimulatedEvent> _dayEvents = [];
    private int _dayOrders;
    private decimal _dayRevenue, _dayAdSpend;

    /// <summary>
    /// Creates the world as it stands on the morning of <paramref name="startDate"/>; <paramref name="productCount"/>
    /// grows the catalogue beyond its standard products (variants of them) and the shop's traffic with it.
    /// </summary>
    public SandboxSimulator(int seed, DateOnly startDate, int? productCount = null)
    {
        _random = new Random(seed);
        World = new SandboxWorld(seed, startDate) { TrafficScale = (double)(productCount ?? SandboxCatalogue.Products.Count) / SandboxCatalogue.Products.Count };
        BuildCatalogue(productCount ?? SandboxCatalogue.Products.Count);
    }

    /// <summary>
    /// Continues a world rebuilt from the business database for one live day, with that day's own random source.
    /// Live days leave pricing and ad budgets to the agents (no simulated optimiser) and may bring fresh fraud bursts.
    /// </summary>
    internal SandboxSimulator(SandboxWorld world, Random dayRandom)
    {
        _random = dayRandom;
        World = world;
        _live = true;
    }

    private readonly bool _live;

    /// <summary>The simulated business.</summary>
    public SandboxWorld World { get; }

    /// <summary>Runs a whole history: <paramref name="days"/> days ending the day before <paramref name="anchor"/>.</summary>
    public static SandboxWorld RunHistory(int seed, int days, DateOnly anchor, int? productCount = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var simulator = new SandboxSimulator(seed, anchor.AddDays(-days), productCount);
        for (var i = 0; i < days; i++) simulator.AdvanceDay();
        return simulator.World;
    }

    /// <summary>Simulates <see cref="SandboxWorld.Today"/> and moves the calendar to the next day.</summary>
    public BusinessDay AdvanceDay()
    {
        var day = World.Today;
        var dayNumber = day.DayNumber - World.StartDate.DayNumber;
        _dayEvents.Clear();
        _dayOrders = 0;
        _dayRevenue = 0;
        _dayAdSpend = 0;

        if (dayNumber == 0) OpenTheBooks(day);
        StartAndEndShocks(day);
        OnboardCreators(day, dayNumber);
        LaunchCampaigns(day, dayNumber);
        ReviewSupplierCosts(day, dayNumber);
        RunScheduledSteps(day);
        RunLiveShows(day);
        RunAds(day);
        RunOrganicSales(day);
        if (World.FraudBurstDays.Contains(day) || (_live && _random.Chance(0.04))) RunFraudBurst(day);
        RaiseSupportQuestions(day);
        ReviewStock(day);
        if (!_live)
        {
            // In the live business these decisions belong to the agents (budgets, pauses and prices).
            ReviewAdSets(day);
            ReviewPrices(day);
        }
        PlanLiveShows(day);
        if (day.DayOfWeek == DayOfWeek.Monday) MakePayoutsEligible(day);
        if (day.DayOfWeek == DayOfWeek.Wednesday) ReceiveSettlements(day);
        RunScheduledSteps(day);
        PostDailyJournals(day);

        // Stable sort keeps emission order for events at the same instant.
        var ordered = _dayEvents.Select((e, i) => (e, i)).OrderBy(x => x.e.OccurredAt).ThenBy(x => x.i).Select(x => x.e).ToList();
        World.Events.AddRange(ordered);
        World.Today = day.AddDays(1);
        return new BusinessDay(day, ordered, _dayOrders, _dayRevenue, _dayAdSpend);
    }

    private void Emit(string type, DateTimeOffset at, string source, object data) =>
        _dayEvents.Add(new SimulatedEvent(_random.NextGuid(), type, at, source, data));

    private void Schedule(ScheduledStep step)
    {
        // A step is never due before the day being simulated.
        var day = DateOnly.FromDateTime(step.At.UtcDateTime);
        if (day < World.Today) throw new InvalidOperationException($"step {step} is due before {World.Today}");
        if (!World.Schedule.TryGetValue(day, out var steps)) World.Schedule[day] = steps = [];
        steps.Add(step);
    }

    private void RunScheduledSteps(DateOnly day)
    {
        // Steps may schedule further steps for the same day; drain until none is left.
        while (World.Schedule.Remove(day, out var steps))
            foreach (var step in steps.OrderBy(s => s.At)) Run(step);
    }

    private void Run(ScheduledStep step)
    {
        switch (step)
        {
            case FulfilOrder s: Fulfil(s); break;
            case DeliverOrder s: Deliver(s); break;
            case RequestRefund s: RequestRefundStep(s); break;
            case ApproveRefund s: ApproveRefundStep(s); break;
            case ProcessRefund s: ProcessRefundStep(s); break;
            case OpenDispute s: OpenDisputeStep(s); break;
            case SubmitEvidence s: SubmitEvidenceStep(s); break;
            case ResolveDispute s: ResolveDisputeStep(s); break;
            case OpenTicket s: OpenTicketStep(s); break;
            case AnswerTicket s: AnswerTicketStep(s); break;
            case ReceivePurchaseOrder s: ReceivePurchaseOrderStep(s); break;
            case PayCreator s: PayCreatorStep(s); break;
            default: throw new InvalidOperationException($"unknown scheduled step {step.GetType().Name}");
        }
    }

    private ChannelDayTally Tally(string channel, DateOnly day)
    {
        if (!World.Tallies.TryGetValue((channel, day), out var tally)) World.Tallies[(channel, day)] = tally = new ChannelDayTally();
        return tally;
    }

    private ProductRecord Product(string id) => World.Products[World.ProductIndex[id]];

    private HiddenProductTraits TraitsOf(string productId) => World.Traits[World.ProductIndex[productId]];

    private void ReplaceProduct(ProductRecord product) => World.Products[World.ProductIndex[product.Id]] = product;

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
