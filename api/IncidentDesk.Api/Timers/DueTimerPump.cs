using Hangfire;
using Hangfire.States;
using Npgsql;

namespace IncidentDesk.Api.Timers;

/// <summary>
/// Hands scheduled timer jobs to Hangfire's queue at their due time. Hangfire's own scheduler polls, keeps due
/// times in whole seconds and moves due jobs one at a time under one lock: 100 deadlines due in the same second
/// reached the queue over 3.5 s on a busy machine. The pump reads the due times from timer_outbox (indexed, to
/// the microsecond), and moves the jobs that are due now in parallel, each only from Scheduled to Enqueued (so a
/// job that Hangfire's scheduler moved first, or an admin deleted on the dashboard, is left alone). Every node runs
/// it; a row is taken with FOR UPDATE SKIP LOCKED, so one node moves it. Hangfire's scheduler stays the fallback.
/// </summary>
public sealed class DueTimerPump(NpgsqlDataSource db, IBackgroundJobClient jobs, IConfiguration config, ILogger<DueTimerPump> log)
    : BackgroundService
{
    private const int Batch = 200;

    private TimeSpan Idle => TimeSpan.FromMilliseconds(config.GetValue("IncidentDesk:Timers:PumpMilliseconds", 100));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(PumpOnceAsync, Idle, log, "Due-timer pump", stoppingToken);

    public async Task<int> PumpOnceAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var due = new List<(Guid Timer, string Job)>();
        await using (var cmd = new NpgsqlCommand(
                         "select timer_id, job_id from timer_outbox where job_id is not null and enqueued_at is null and due_at <= now() " +
                         $"order by due_at limit {Batch} for update skip locked", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                due.Add((r.GetGuid(0), r.GetString(1)));
        if (due.Count == 0) return 0;

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, (d, _) =>
        {
            jobs.ChangeState(d.Job, new EnqueuedState(TimerJob.Queue), ScheduledState.StateName);
            return ValueTask.CompletedTask;
        });
        await using (var stamp = new NpgsqlCommand("update timer_outbox set enqueued_at = now() where timer_id = any($1)", conn, tx))
        {
            stamp.Parameters.AddWithValue(due.Select(d => d.Timer).ToArray());
            await stamp.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return due.Count;
    }
}
