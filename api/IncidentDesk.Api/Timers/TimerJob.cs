using Hangfire;

namespace IncidentDesk.Api.Timers;

/// <summary>
/// The Hangfire job that fires a timer: hands it to the <see cref="ITimerPurpose"/> its purpose names, which sends
/// the command through the normal command path. Hangfire runs each job on one worker of one node; an exception
/// (the database unreachable, say) puts it back for a retry soon, never drops it.
/// </summary>
public sealed class TimerJob(IEnumerable<ITimerPurpose> purposes, ILogger<TimerJob> log)
{
    public const string Queue = "timers";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 12, DelaysInSeconds = [2, 5, 5, 10, 10, 30, 30, 60, 60, 120, 300, 600])]
    [JobDisplayName("{0} {1}")]
    public Task FireAsync(string purpose, Guid timerId, Guid streamId, Guid incidentId, DateTimeOffset dueAt, CancellationToken ct)
    {
        var handler = purposes.FirstOrDefault(p => p.Name == purpose)
                      ?? throw new InvalidOperationException($"no timer purpose '{purpose}' is registered (timer {timerId})");
        log.LogDebug("Firing timer {Purpose} {TimerId} of incident {IncidentId}, due {DueAt:O}", purpose, timerId, incidentId, dueAt);
        return handler.FireAsync(new TimerDue(purpose, timerId, streamId, incidentId, dueAt), ct);
    }
}
