using IncidentDesk.Api.Escalation.FiringDeadlines;
using MediatR;
using Npgsql;
using Quartz;

namespace IncidentDesk.Api.Escalation;

/// <summary>
/// A deadline's Quartz job: sends <see cref="FireDeadline"/> through the normal command path. Quartz's
/// clustered store on the same database makes each trigger fire on one node only; the command is idempotent
/// besides, so a double fire changes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeadlineJob(IMediator mediator, ILogger<DeadlineJob> log) : IJob
{
    public const string Group = "deadlines";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var incidentId = Guid.Parse(data.GetString("incidentId")!);
        var deadlineId = Guid.Parse(data.GetString("deadlineId")!);
        try
        {
            await mediator.Send(new FireDeadline(incidentId, deadlineId), cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // The database is unreachable: try again shortly rather than lose the deadline.
            log.LogWarning(e, "Deadline {DeadlineId} could not fire; retrying in 5 s", deadlineId);
            await context.Scheduler.ScheduleJob(TriggerBuilder.Create()
                .ForJob(context.JobDetail.Key).StartAt(DateTimeOffset.UtcNow.AddSeconds(5)).Build(), new ScheduleJobOptions(), cancellationToken);
        }
    }
}

/// <summary>
/// Moves timer_outbox rows into Quartz. The row was written in the transaction that set the deadline, so a
/// process that dies right after that commit loses nothing: whichever node runs the relay next schedules it.
/// Scheduling twice is harmless (the job key is the deadline id).
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

        // Deadlines already met or replaced are stamped without bothering Quartz.
        foreach (var (deadline, incident, due, _) in rows.Where(x => x.Open))
        {
            var job = JobBuilder.Create<DeadlineJob>().WithIdentity(deadline.ToString(), DeadlineJob.Group)
                .UsingJobData("incidentId", incident.ToString()).UsingJobData("deadlineId", deadline.ToString()).Build();
            var trigger = TriggerBuilder.Create().WithIdentity(deadline.ToString(), DeadlineJob.Group)
                .StartAt(due).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            try
            {
                await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions(), ct);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Scheduled by an earlier pass that died before it could stamp the row.
            }
        }
        await using (var stamp = new NpgsqlCommand("update timer_outbox set scheduled_at = now() where deadline_id = any($1)", conn, tx))
        {
            stamp.Parameters.AddWithValue(rows.Select(r => r.Deadline).ToArray());
            await stamp.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows.Count;
    }
}
