using Hangfire;

namespace IncidentDesk.Api.Timers;

/// <summary>
/// The Hangfire job that fires a timer: hands it to the <see cref="ITimerPurpose"/> its purpose names, which sends
/// the command through the normal command path. Hangfire runs each job on one worker of one node; an exception
/// (the database unreachable, say) puts it back for a retry soon, never drops it.
/// </summary>
public sealed class TimerJob(IEnumerable<ITimerPurpose> purposes, TimeProvider clock, ILogger<TimerJob> log)
{
    public const string Queue = "timers";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 12, DelaysInSeconds = [2, 5, 5, 10, 10, 30, 30, 60, 60, 120, 300, 600])]
    [JobDisplayName("{0} {1}")]
    public async Task FireAsync(string purpose, Guid timerId, Guid streamId, Guid incidentId, DateTimeOffset dueAt, CancellationToken ct)
    {
        var handler = purposes.FirstOrDefault(p => p.Name == purpose)
                      ?? throw new InvalidOperationException($"no timer purpose '{purpose}' is registered (timer {timerId})");
        // Hangfire keeps a scheduled job's time in whole seconds and enqueues it once that second has begun: a job
        // can start up to a second before its timer is due. A deadline must never pass early, so wait out the rest.
        // (Timers wake by a monotonic clock and may end a millisecond short of the wall clock: check again.)
        while (dueAt - clock.GetUtcNow() is { Ticks: > 0 } early) await Task.Delay(early + TimeSpan.FromMilliseconds(1), clock, ct);
        log.LogDebug("Firing timer {Purpose} {TimerId} of incident {IncidentId}, due {DueAt:O}", purpose, timerId, incidentId, dueAt);
        await handler.FireAsync(new TimerDue(purpose, timerId, streamId, incidentId, dueAt), ct);
    }
}
