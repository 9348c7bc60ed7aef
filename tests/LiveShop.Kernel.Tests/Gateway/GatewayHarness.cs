using LiveShop.Kernel.Actions;
using LiveShop.Plugins.Records;
using LiveShop.Kernel.Actions.Limits;
using LiveShop.Kernel.Approvals;
using LiveShop.Kernel.Automation;
using LiveShop.Kernel.Gateway;
using LiveShop.Kernel.Policies;
using LiveShop.Kernel.Verification.Facts;
using LiveShop.Kernel.Verification.Facts.Live;
using LiveShop.Kernel.Verification.Proofs;
using LiveShop.Memory.Events;
using LiveShop.Plugins.Sandbox.Actions;
using LiveShop.Testing;
using Npgsql;

namespace LiveShop.Kernel.Tests.Gateway;

/// <summary>The whole action pipeline over a test database, with a clock the test moves and executors it chooses.</summary>
internal sealed class GatewayHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public const string Founder = "founder@test.local";
    public const string Approver = "approver@test.local";
    public const string Support = "support@test.local";
    public const string Developer = "developer@test.local";
    public const string Disabled = "gone@test.local";

    private GatewayHarness(TestDatabase database, Func<GatewayHarness, IFactsProvider> facts, Func<GatewayHarness, IEnumerable<IActionExecutor>> executors,
        BusinessPolicy? policy, PolicyInForce? policies)
    {
        Database = database;
        Policy = policies?.Initial ?? policy ?? PolicyLoader.LoadDefault();
        Signer = new ProofSigner(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Time);
        var dataSource = database.DataSource;
        Events = new EventStore(dataSource, Time);
        var platformEvents = new PlatformEvents(Events, Time);
        var users = new UserDirectory(dataSource);
        Policies = policies ?? new PolicyInForce(Policy);
        Store = new ApprovalStore(dataSource);
        Approvals = new ApprovalGate(Store, platformEvents, users, Policies, Time, new ApprovalOptions());
        Gateway = new ToolGateway(dataSource, Signer, Policies, new ExecutorRegistry(executors(this)), Approvals, platformEvents, Time);
        Limits = new LimitLocks(dataSource, TimeSpan.FromSeconds(30));
        var decisions = new DecisionLog(dataSource, Time);
        Autonomy = new AutonomySwitch(dataSource, Events, users, Time);
        Pipeline = new ActionPipeline(Policies, facts(this), Signer, Gateway, Approvals, decisions, platformEvents, users, Limits,
            new RequestAuthority(Policies, users, platformEvents, decisions, Signer, Time), Time, Autonomy);
        Service = new ApprovalService(Approvals, Pipeline, Policies);
    }

    public TestDatabase Database { get; }
    public ManualTime Time { get; } = new(Start);
    public BusinessPolicy Policy { get; }
    public PolicyInForce Policies { get; }
    public ProofSigner Signer { get; }
    public EventStore Events { get; }
    public ApprovalStore Store { get; }
    public ApprovalGate Approvals { get; }
    public ApprovalService Service { get; }
    public ToolGateway Gateway { get; }
    public LimitLocks Limits { get; }
    public ActionPipeline Pipeline { get; }
    public AutonomySwitch Autonomy { get; }

    public static async Task<GatewayHarness> CreateAsync(TestDatabase database, IFactsProvider facts, IEnumerable<IActionExecutor> executors,
        BusinessPolicy? policy = null, PolicyInForce? policies = null)
    {
        await EnsureUsersAsync(database.DataSource);
        return new GatewayHarness(database, _ => facts, _ => executors, policy, policies);
    }

    /// <summary>The pipeline over the database's live facts and the real sandbox executors, on the harness clock.</summary>
    public static async Task<GatewayHarness> CreateLiveAsync(TestDatabase database)
    {
        await EnsureUsersAsync(database.DataSource);
        return new GatewayHarness(database,
            h => new DatabaseFactsProvider(database.DataSource, h.Time, h.Policy),
            h => SandboxExecutors.Create(new BusinessUnitOfWork(database.DataSource, h.Events, h.Time)), null, null);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new() { Value = p });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task EnsureUsersAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO users (id, email, display_name, role, created_at, disabled) VALUES
              (gen_random_uuid(), 'founder@test.local', 'F', 'founder', now(), false),
              (gen_random_uuid(), 'approver@test.local', 'A', 'approver', now(), false),
              (gen_random_uuid(), 'support@test.local', 'S', 'support', now(), false),
              (gen_random_uuid(), 'developer@test.local', 'D', 'developer', now(), false),
              (gen_random_uuid(), 'gone@test.local', 'G', 'approver', now(), true)
            ON CONFLICT (email) DO NOTHING
            """);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A clock that only moves when the test says so.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>Facts the test can change between two verifications (stands in for the live store).</summary>
internal sealed class ChangingFacts(Func<StateSnapshot> snapshot) : IFactsProvider
{
    public ValueTask<BusinessFacts> GetFactsAsync(LiveShop.Kernel.Verification.ActionPacket packet, CancellationToken cancellationToken) =>
        ValueTask.FromResult(BusinessFacts.From(snapshot()));
}
