using Hangfire;
using Npgsql;

namespace IncidentDesk.Api.Timers;

/// <summary>
/// Moves timer_outbox rows into Hangfire. The row was written in the transaction that set the timer, so a process
/// that dies right after that commit loses nothing: whichever node runs the relay next schedules it. A relay that
/// dies after scheduling and before stamping schedules the timer twice; firing is idempotent.
/// </summary>
public sealed class TimerRelay(NpgsqlDataSource db, IBackgroundJobClient jobs, IConfiguration config, TimeProvider clock, ILogger<TimerRelay> log)
    : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Only timers due within this horizon go to Hangfire; later ones wait in the outbox (just as safe) and most
    /// are met before they get close (an acknowledged report's acknowledge deadline never reaches Hangfire). This
    /// keeps job storage off the filing hot path.
    /// </summary>
    private TimeSpan Horizon => TimeSpan.FromSeconds(config.GetValue("IncidentDesk:Timers:HorizonSeconds", 300.0));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        config.GetValue("IncidentDesk:Timers:Relay", true)
            ? PollingLoop.RunAsync(RelayOnceAsync, Idle, log, "Timer relay", stoppingToken)
            : Task.CompletedTask;

    public async Task<int> RelayOnceAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = new List<TimerDue>();
        await using (var cmd = new NpgsqlCommand(
                         "select timer_id, purpose, stream_id, incident_id, due_at from timer_outbox " +
                         "where scheduled_at is null and due_at < now() + $1 order by due_at limit 200 for update skip locked", conn, tx))
        {
            cmd.Parameters.AddWithValue(Horizon);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add(new TimerDue(r.GetString(1), r.GetGuid(0), r.GetGuid(2), r.GetGuid(3), r.GetFieldValue<DateTimeOffset>(4)));
        }
        if (rows.Count == 0) return 0;

        // Due already (set in the past, or relayed late after an outage): straight to the queue; otherwise
        // Hangfire's scheduler moves it to the queue when it comes due.
        // (A scheduled job's id is kept: the due-timer pump hands it to the queue on time, see DueTimerPump.)
        var now = clock.GetUtcNow();
        var ids = new string?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var t = rows[i];
            if (t.DueAt <= now)
                jobs.Enqueue<TimerJob>(j => j.FireAsync(t.Purpose, t.TimerId, t.StreamId, t.IncidentId, t.DueAt, CancellationToken.None));
            else
                ids[i] = jobs.Schedule<TimerJob>(j => j.FireAsync(t.Purpose, t.TimerId, t.StreamId, t.IncidentId, t.DueAt, CancellationToken.None), t.DueAt);
        }
        await using (var stamp = new NpgsqlCommand(
                         "update timer_outbox o set scheduled_at = now(), job_id = r.job_id, enqueued_at = case when r.job_id is null then now() end " +
                         "from unnest($1::uuid[], $2::text[]) as r(timer_id, job_id) where o.timer_id = r.timer_id", conn, tx))
        {
            stamp.Parameters.AddWithValue(rows.Select(r => r.TimerId).ToArray());
            stamp.Parameters.AddWithValue(ids);
            await stamp.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows.Count;
    }
}
