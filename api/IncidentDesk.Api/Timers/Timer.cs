namespace IncidentDesk.Api.Timers;

/// <summary>
/// A moment at which something must happen to a stream: an escalation deadline to check today; a decision's
/// default to apply, a regulatory clock to breach or a drill inject to deliver later. <paramref name="Purpose"/>
/// names the <see cref="ITimerPurpose"/> that fires it; <paramref name="StreamId"/> is the stream that owns it
/// (firing may append to the incident's stream as well).
/// </summary>
public sealed record TimerDue(string Purpose, Guid TimerId, Guid StreamId, Guid IncidentId, DateTimeOffset DueAt)
{
    /// <summary>Purposes are Hangfire job arguments and column values: short, lower-case, stable.</summary>
    public const int MaxPurposeLength = 40;
}

/// <summary>
/// An event that sets a timer. The timer outbox row is written with the event, in the append's transaction
/// (<see cref="TimerOutboxWriter"/>), so a process that dies right after the commit loses no timer.
/// A method, not a property: the event's stored JSON stays what it was.
/// </summary>
public interface ISetsTimer
{
    TimerDue Timer();
}

/// <summary>
/// What firing a timer of one purpose does. It sends a command through the command path, and must be
/// idempotent: a timer may fire twice (a relay that died before stamping its row), late (after an outage), or
/// after the facts moved on (the deadline met, the decision taken).
/// </summary>
public interface ITimerPurpose
{
    string Name { get; }

    Task FireAsync(TimerDue timer, CancellationToken ct);
}
