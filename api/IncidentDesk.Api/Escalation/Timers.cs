using IncidentDesk.Api.Escalation.FiringDeadlines;
using MediatR;
using Npgsql;
using Quartz;

namespace IncidentDesk.Api.Escalation;

/// <summary>
/// The Quartz job that fires deadlines: sends <see cref="FireDeadline"/> through the normal command path. Quartz's
/// clustered store on the same database makes each trigger fire on one node only; the command is idempotent
/// besides, so a double fire changes nothing.
/// </summary>
/// <remarks>
/// One durable job; each deadline is a trigger of it, keyed by the deadline id and carrying the ids as trigger
/// data. Quartz 4.7.3 then fires and completes deadlines without its cluster-wide <c>TRIGGER_ACCESS</c> row lock
/// (AdoJobStoreOptions.LockFreeFiringRounds, AdoJobStoreBase.CompletionTakesLock). A job per deadline, not durable
/// and marked <c>[DisallowConcurrentExecution]</c>, as before, took that lock to fire every round and to complete
/// every deadline (the job is deleted with its last trigger): tests/bench/deadlines.sh measured 100 deadlines
/// due in one second firing over about 3 s with two nodes, one at a time through the lock, and about 1 s without.
/// </remarks>
public sealed class DeadlineJob(IMediator mediator, ILogger<DeadlineJob> log) : IJob
{
    public const string Group = "deadlines";

    public static readonly JobKey Key = new("fire-deadline", Group);

    public static IJobDetail Detail() => JobBuilder.Create<DeadlineJob>().WithIdentity(Key).StoreDurably().Build();

    /// <summary>A deadline's trigger, keyed by the deadline id: due at <paramref name="due"/>, fired late rather than never after an outage.</summary>
    public static ITrigger Trigger(Guid deadlineId, Guid incidentId, DateTimeOffset due) =>
        TriggerBuilder.Create().WithIdentity(deadlineId.ToString(), Group).ForJob(Key)
            .UsingJobData("incidentId", incidentId.ToString()).UsingJobData("deadlineId", deadlineId.ToString())
            .StartAt(due).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Merged: triggers carry the ids; jobs of one deadline each, scheduled by earlier versions, carry them too.
        var data = context.MergedJobDataMap;
        var incidentId = Guid.Parse(data.GetString("incidentId")!);
        var deadlineId = Guid.Parse(data.GetString("deadlineId")!);
        log.LogDebug("Firing deadline {DeadlineId} of incident {IncidentId}", deadlineId, incidentId);
        try
        {
            await mediator.Send(new FireDeadline(incidentId, deadlineId), cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The database is unreachable: try again shortly rather than lose the deadline.
            log.LogWarning(e, "Deadline {DeadlineId} could not fire; retrying in 5 s", deadlineId);
            await context.Scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(context.JobDetail.Key)
                .UsingJobData("incidentId", incidentId.ToString()).UsingJobData("deadlineId", deadlineId.ToString())
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(5)).Build(), new ScheduleJobOptions(), cancellationToken);
        }
    }
}

/// <summary>
/// Moves timer_outbox rows into Quartz. The row was written in the transaction that set the deadline, so a
/// process that dies right after that commit loses nothing: whichever node runs the relay next schedules it.
/// Scheduling twice is harmless (the trigger key is the deadline id).
/// </summary>
public sealed class TimerRelay(NpgsqlDataSource db, ISchedulerFactory schedulers, IConfiguration config, ILogger<TimerRelay> log)
    : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Only deadlines due within this horizon go to Quartz; later ones wait in the outbox (just as safe) and most
    /// are met before they get close (an acknowledged report's acknowledge deadline never reaches Quartz). This
    /// keeps Quartz's own row locking off the filing hot path.
    /// </summary>
    private TimeSpan Horizon => TimeSpan.FromSeconds(config.GetValue("IncidentDesk:Timers:HorizonSeconds", 300.0));

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (config.GetValue("IncidentDesk:Timers:Relay", true) == false) return;
        var scheduler = await schedulers.GetScheduler(stop);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await RelayOnceAsync(scheduler, stop) == 0) await Task.Delay(Idle, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Timer relay failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
            }
        }
    }

    public async Task<int> RelayOnceAsync(IScheduler scheduler, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = new List<(Guid Deadline, Guid Incident, DateTimeOffset Due, bool Open)>();
        await using (var cmd = new NpgsqlCommand(
                         "select o.deadline_id, o.incident_id, o.due_at, coalesce(d.status = 'open', true) " +
                         "from timer_outbox o left join incident_deadlines d using (deadline_id) " +
                         "where o.scheduled_at is null and o.due_at < now() + $1 order by o.due_at limit 200 for update of o skip locked", conn, tx))
        {
            cmd.Parameters.AddWithValue(Horizon);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add((r.GetGuid(0), r.GetGuid(1), r.GetFieldValue<DateTimeOffset>(2), r.GetBoolean(3)));
        }
        if (rows.Count == 0) return 0;

        // Deadlines already met or replaced are stamped without bothering Quartz. The rest go to Quartz in one
        // call: one transaction under its cluster-wide lock, not one per deadline. Replacing is harmless: a
        // trigger of the same key was scheduled by an earlier pass that died before it could stamp the row, for
        // the same deadline and due time (and FireDeadline is idempotent).
        var triggers = rows.Where(x => x.Open).Select(x => DeadlineJob.Trigger(x.Deadline, x.Incident, x.Due)).ToList();
        if (triggers.Count > 0) await scheduler.ScheduleJob(DeadlineJob.Detail(), triggers, ScheduleJobOptions.Replacing, ct);
        await using (var stamp = new NpgsqlCommand("update timer_outbox set scheduled_at = now() where deadline_id = any($1)", conn, tx))
        {
            stamp.Parameters.AddWithValue(rows.Select(r => r.Deadline).ToArray());
            await stamp.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows.Count;
    }
}
