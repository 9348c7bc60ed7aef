using Npgsql;

namespace LiveShop.Kernel.Automation.Scheduling;

/// <summary>How a run was started: by its cron schedule, by someone asking to run it now, or by the sandbox's business clock.</summary>
public static class TriggerKinds
{
    public const string Schedule = "schedule";
    public const string RunNow = "run_now";
    public const string BusinessClock = "business_clock";
}

/// <summary>What a run came to: still running (or its host died and nobody has recovered it yet), succeeded or failed.</summary>
public static class RunOutcomes
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>One firing of a business job as recorded.</summary>
public sealed record JobRun(
    long Id, string RunKey, string Job, string TriggerKind, DateTimeOffset BusinessNow, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    string Outcome, string? Summary, int ActionsRequested, string Host, int Attempts);

/// <summary>
/// The run records (table <c>job_runs</c>): one row per firing, named by its run key. A firing that another host
/// recovers after a crash continues its row (attempts + 1, the same business instant), and one that already succeeded
/// is not started again, so a crash never shows a run twice.
/// </summary>
public sealed class JobRuns(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = "id, run_key, job, trigger_kind, business_now, started_at, ended_at, outcome, summary, actions_requested, host, attempts";

    /// <summary>
    /// Starts (or resumes, after a crash) the run <paramref name="runKey"/>; null when that firing already succeeded and
    /// must not run again. A resumed run keeps the business instant it was first given.
    /// </summary>
    public async Task<JobRun?> BeginAsync(string runKey, string job, string triggerKind, DateTimeOffset businessNow, string host, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO job_runs (run_key, job, trigger_kind, business_now, started_at, outcome, host)
            VALUES ($1, $2, $3, $4, $5, 'running', $6)
            ON CONFLICT (run_key) DO UPDATE
                SET host = EXCLUDED.host, started_at = EXCLUDED.started_at, ended_at = NULL, outcome = 'running',
                    summary = NULL, attempts = job_runs.attempts + 1
                WHERE job_runs.outcome <> 'succeeded'
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(runKey);
        command.Parameters.AddWithValue(job);
        command.Parameters.AddWithValue(triggerKind);
        command.Parameters.AddWithValue(businessNow);
        command.Parameters.AddWithValue(time.GetUtcNow());
        command.Parameters.AddWithValue(host);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Records how the run ended.</summary>
    public async Task CompleteAsync(long id, string outcome, string summary, int actionsRequested, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE job_runs SET outcome = $2, summary = $3, actions_requested = $4, ended_at = $5 WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(outcome);
        command.Parameters.AddWithValue(summary);
        command.Parameters.AddWithValue(actionsRequested);
        command.Parameters.AddWithValue(time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The run recorded under <paramref name="runKey"/>, or null.</summary>
    public async Task<JobRun?> FindAsync(string runKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM job_runs WHERE run_key = $1");
        command.Parameters.AddWithValue(runKey);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The latest runs, newest first, of one job or of all.</summary>
    public async Task<IReadOnlyList<JobRun>> RecentAsync(string? job, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM job_runs WHERE ($1::text IS NULL OR job = $1) ORDER BY started_at DESC, id DESC LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)job ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue(limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Each job's latest run.</summary>
    public async Task<IReadOnlyDictionary<string, JobRun>> LatestByJobAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT ON (job) {Columns} FROM job_runs ORDER BY job, started_at DESC, id DESC");
        return (await ReadAsync(command, cancellationToken)).ToDictionary(r => r.Job, StringComparer.Ordinal);
    }

    private static async Task<List<JobRun>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<JobRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            runs.Add(new JobRun(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt32(9), reader.GetString(10), reader.GetInt32(11)));
        return runs;
    }
}
