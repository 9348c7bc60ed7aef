namespace LiveShop.Memory.Database.Privileges;

/// <summary>Table privileges the application role may hold.</summary>
[Flags]
public enum TablePrivileges
{
    /// <summary>No access at all.</summary>
    None = 0,
    /// <summary>SELECT (also needed by <c>FOR UPDATE</c> row locks, together with UPDATE).</summary>
    Select = 1,
    /// <summary>INSERT (also binary COPY into the table).</summary>
    Insert = 2,
    /// <summary>UPDATE (also <c>ON CONFLICT DO UPDATE</c> and <c>SELECT … FOR UPDATE</c>).</summary>
    Update = 4,
    /// <summary>DELETE.</summary>
    Delete = 8,
}

/// <summary>
/// One table's grant decision: what the application role may do to it, and why.
/// </summary>
/// <param name="Table">Table name in the migrated schema.</param>
/// <param name="Privileges">What the application role gets; everything else (TRUNCATE, TRIGGER, REFERENCES, DDL) it never gets.</param>
/// <param name="Reason">Which code needs it, so a reviewer can check the decision against the code.</param>
/// <param name="MovesIdentity">
/// True when the product moves the table's identity sequence itself (<c>setval</c>, after the simulator chose ids): the
/// sequence's UPDATE privilege. Otherwise an inserting table's sequence is granted USAGE only.
/// </param>
public sealed record TableGrant(string Table, TablePrivileges Privileges, string Reason, bool MovesIdentity = false);

/// <summary>
/// The application role's grants, table by table: the result of auditing every table the code writes (raw SQL and EF
/// Core). Every table of the migrated schema must appear here, with <see cref="TablePrivileges.None"/> when the
/// application has no business with it; a test fails for a table a migration adds without a decision, and the start-up
/// grants none to a table missing here. Nothing ever gets TRUNCATE, and <c>business_events</c> only SELECT and INSERT,
/// so the event chain can be appended to, never rewritten.
/// </summary>
public static class ApplicationTableGrants
{
    private const TablePrivileges Read = TablePrivileges.Select;
    private const TablePrivileges Append = TablePrivileges.Select | TablePrivileges.Insert;
    private const TablePrivileges Write = Append | TablePrivileges.Update;
    private const TablePrivileges WriteAndDelete = Write | TablePrivileges.Delete;

    // The business mirror: the sandbox simulator (WorldChanges inserts a day's rows and updates the records it replaced),
    // the Shopify and e-mail syncs and the connectors' executors insert and update these rows; nothing deletes them.
    private const string Mirror = "business mirror: the simulator, syncs and executors insert and update rows; none is deleted";

    /// <summary>Every table's decision.</summary>
    public static IReadOnlyList<TableGrant> All { get; } =
    [
        // Platform records.
        new("business_events", Append, "EventStore appends with COPY and reads the chain; rows are never changed (append-only)"),
        new("decision_log", Append, "DecisionLog inserts one row per verdict; never changed"),
        new("alerts", Write, "AlertStore raises alerts (INSERT … ON CONFLICT DO NOTHING) and acknowledges and resolves them (conditional UPDATE); none is deleted"),
        new("gateway_executions", Write, "GatewayExecutions claims (INSERT … ON CONFLICT DO NOTHING), reclaims and completes (UPDATE) for the ToolGateway"),
        new("approvals", Write, "ApprovalStore files requests and moves them through their statuses (conditional UPDATE); nothing deletes them"),
        new("policy_versions", Write, "ChangePolicyExecutor adopts a version (INSERT … ON CONFLICT DO UPDATE)"),
        new("users", Write, "founder account, users CLI, password changes and access changes (UPDATE … FOR UPDATE); users are disabled, never deleted"),
        new("api_keys", Write, "ApiKeyRegistry creates keys, marks use and revokes (UPDATE)"),
        new("sign_in_throttles", WriteAndDelete, "SignInThrottle counts failures (upsert), forgets old windows and clears a key on success (DELETE)"),
        new("goals", Write, "GoalIntake files goals; the goal queue locks and updates them"),
        new("agent_tasks", Write, "GoalIntake files tasks; the goal queue claims them (FOR UPDATE SKIP LOCKED) and updates status"),
        new("conversations", Append, "ConversationStore starts conversations"),
        new("conversation_messages", Append, "ConversationStore appends a turn's messages"),
        new("integration_connections", Write, "ConnectIntegrationExecutor connects and disconnects (insert, then status updates)"),
        new("learning_cursors", Write, "learning pass and e-mail sync keep their cursors (FOR UPDATE SKIP LOCKED, UPDATE, upsert)"),
        new("sandbox_state", Write, "the sandbox seeder writes it; every simulated day locks and updates it"),
        new("autonomy_state", Write, "AutonomySwitch reads the kill switch and the founder changes it (SELECT … FOR UPDATE, UPDATE); one row, never deleted"),
        new("metric_series", WriteAndDelete, "MetricSeriesTable replaces a snapshot's hours and days (DELETE then INSERT under one lock) and deletes hourly rows past retention"),
        new("job_runs", Write, "JobRuns records each firing of a business job (INSERT … ON CONFLICT DO UPDATE on recovery) and completes it (UPDATE); runs are history, never deleted"),
        new("__EFMigrationsHistory", Read, "the readiness check compares applied migrations with the build's"),

        // Quartz.NET's job store (the clustered scheduler): Quartz inserts, updates and deletes its own rows (fired triggers,
        // one-shot run-now triggers, check-ins and locks come and go), so each table needs all four; never DDL.
        new("qrtz_job_details", WriteAndDelete, "Quartz job store: the business jobs"),
        new("qrtz_triggers", WriteAndDelete, "Quartz job store: their triggers"),
        new("qrtz_simple_triggers", WriteAndDelete, "Quartz job store: run-now triggers"),
        new("qrtz_simprop_triggers", WriteAndDelete, "Quartz job store: calendar and daily triggers (unused, Quartz still queries it)"),
        new("qrtz_cron_triggers", WriteAndDelete, "Quartz job store: the cron schedules"),
        new("qrtz_blob_triggers", WriteAndDelete, "Quartz job store: custom triggers (unused, Quartz still queries it)"),
        new("qrtz_calendars", WriteAndDelete, "Quartz job store: calendars (unused, Quartz still queries it)"),
        new("qrtz_paused_trigger_grps", WriteAndDelete, "Quartz job store: paused trigger groups"),
        new("qrtz_paused_job_grps", WriteAndDelete, "Quartz job store: paused job groups"),
        new("qrtz_execution_history", WriteAndDelete, "Quartz job store: its own execution history (pruned by Quartz)"),
        new("qrtz_misfire_history", WriteAndDelete, "Quartz job store: misfires it handled (pruned by Quartz)"),
        new("qrtz_job_status", WriteAndDelete, "Quartz job store: each job's last result"),
        new("qrtz_fired_triggers", WriteAndDelete, "Quartz job store: firings in flight, the records a recovering host reads"),
        new("qrtz_scheduler_state", WriteAndDelete, "Quartz job store: the cluster's check-ins"),
        new("qrtz_locks", WriteAndDelete, "Quartz job store: the cluster's row locks"),

        // Knowledge and memory: editable by design, so deletes are granted.
        new("knowledge_documents", WriteAndDelete, "KnowledgeIngestor stores, re-ingests and deletes documents"),
        new("knowledge_chunks", WriteAndDelete, "KnowledgeIngestor replaces a document's chunks; the re-embedder updates embeddings"),
        new("event_subscriptions", Write, "SubscriptionCheckpoints registers subscriptions, takes and renews their lease and advances their position (UPDATE); rows stay"),
        new("event_subscription_failures", Write, "ParkedEvents counts a subscription's failed attempts on an event (upsert) and parks it; rows stay as the record of what was skipped"),
        new("knowledge_ingestions", Write, "KnowledgeIngestionQueue queues uploads, claims them (FOR UPDATE SKIP LOCKED) and records progress; rows stay as history"),
        new("long_term_memories", WriteAndDelete, "MemoryStore writes, edits and deletes memories"),

        // Chat platforms (a platform is a connector's code; Memory names none of them).
        new("chat_user_links", Write, "ChatUserLinks links chat accounts (upsert)"),
        new("chat_link_codes", Write, "ChatUserLinks issues one-time codes and consumes them (UPDATE)"),
        new("chat_inbound_deliveries", Append, "InboundDeliveries drops replays by primary key (INSERT … ON CONFLICT DO NOTHING)"),
        new("approval_card_posts", Write, "ApprovalCardPosts records posted cards and the status they show (UPDATE)"),

        // The business mirror.
        new("products", Write, Mirror + "; the simulator locks products FOR UPDATE"),
        new("price_changes", Write, Mirror, MovesIdentity: true),
        new("listings", Write, Mirror),
        new("customers", Write, Mirror),
        new("orders", Write, Mirror),
        new("order_lines", Append, "written with their order; an order is updated without its lines", MovesIdentity: true),
        new("payments", Write, Mirror),
        new("refunds", Write, Mirror),
        new("disputes", Write, Mirror),
        new("settlements", Write, Mirror),
        new("ledger_accounts", Write, Mirror),
        new("journal_entries", Write, Mirror),
        new("ledger_lines", Write, Mirror + " (with their journal entry)", MovesIdentity: true),
        new("support_tickets", Write, Mirror),
        new("ad_campaigns", Write, Mirror),
        new("ad_sets", Write, Mirror + "; the simulator locks ad sets FOR UPDATE"),
        new("ad_set_budget_changes", Write, Mirror, MovesIdentity: true),
        new("ad_set_daily_metrics", Write, Mirror),
        new("suppliers", Write, Mirror),
        new("purchase_orders", Write, Mirror),
        new("purchase_order_lines", Append, "written with their purchase order; a purchase order is updated without its lines", MovesIdentity: true),
        new("creators", Write, Mirror),
        new("creator_commissions", Write, Mirror + " (a payout marks its commissions)", MovesIdentity: true),
        new("creator_payouts", Write, Mirror),
        new("live_shows", Write, Mirror),
        new("live_show_products", Write, Mirror),
    ];

    private static readonly Dictionary<string, TableGrant> ByTable = All.ToDictionary(g => g.Table, StringComparer.Ordinal);

    /// <summary>The decision for a table, or null when nobody decided (the table then gets no grant).</summary>
    public static TableGrant? For(string table) => ByTable.GetValueOrDefault(table);
}
