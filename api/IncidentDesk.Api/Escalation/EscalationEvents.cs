using IncidentDesk.Api.Escalation.FiringDeadlines;
using IncidentDesk.Api.Timers;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;

namespace IncidentDesk.Api.Escalation;

/// <summary>Events of an incident's escalation stream (deadlines and deliveries), not of the incident itself.</summary>
public interface IEscalationEvent : IDomainEvent
{
    /// <summary>The incident whose escalation stream this is.</summary>
    Guid IncidentId { get; }
}

/// <summary>
/// <see cref="Briefing"/>: the next executive briefing of a high or critical incident. Level 0 falls due (the owner is
/// reminded); level 1 is the grace after it (the executives are told the briefing is late). Posting a briefing sets a new
/// level-0 deadline, which replaces either.
/// </summary>
public enum DeadlineKind { Acknowledge, Triage, Reminder, Briefing }

/// <summary>
/// A deadline the incident now has. Setting a deadline of a kind replaces the previous one of that kind; a
/// replaced deadline that still fires changes nothing.
/// </summary>
public sealed record DeadlineSet(
    Guid IncidentId, Guid DeadlineId, DeadlineKind Kind, Stage? Stage, int Level, DateTimeOffset DueAt,
    Guid Actor, DateTimeOffset At) : IEscalationEvent, ISetsTimer
{
    /// <summary>
    /// For acknowledgement deadlines: the chain whose contact at <see cref="Level"/> was alerted. When the deadline
    /// fires and the incident's chain is now another one (an admin created it meanwhile), that chain starts at its
    /// first contact, never mid-chain. Absent in deadlines stored before it existed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ChainId { get; init; }

    public TimerDue Timer() =>
        new(EscalationDeadlineTimer.Purpose, DeadlineId, EscalationState.StreamIdFor(IncidentId), IncidentId, DueAt);
}

/// <summary>
/// Nobody acknowledged in time: the next contact of the chain is alerted (level 1 = second contact), or the first
/// contact (level 0) of a chain that replaced the one the deadline was set for.
/// </summary>
public sealed record Escalated(
    Guid IncidentId, Guid DeadlineId, int Level, Contact Contact, Guid Actor, DateTimeOffset At) : IEscalationEvent;

/// <summary>A deadline passed unmet: acknowledgement with the chain exhausted, or triage not finished.</summary>
public sealed record SlaBreached(Guid IncidentId, Guid DeadlineId, DeadlineKind Kind, Guid Actor, DateTimeOffset At) : IEscalationEvent;

public sealed record ReminderSent(Guid IncidentId, Guid DeadlineId, Stage Stage, Guid Actor, DateTimeOffset At) : IEscalationEvent;

/// <summary>An executive briefing fell due (<see cref="DueAt"/>) and none was posted: the owner is reminded to post one.</summary>
public sealed record BriefingReminderSent(Guid IncidentId, Guid DeadlineId, DateTimeOffset DueAt, Guid Actor, DateTimeOffset At)
    : IEscalationEvent;

/// <summary>
/// The grace after a due briefing passed and none was posted: the executives are told that the briefing due at
/// <see cref="DueAt"/> is late (seeds 000:1398-1404: late information to management enlarged the damage).
/// </summary>
public sealed record BriefingMissed(Guid IncidentId, Guid DeadlineId, DateTimeOffset DueAt, Guid Actor, DateTimeOffset At)
    : IEscalationEvent;

/// <summary>Events written by timers and the dispatcher name this account: the system itself.</summary>
public static class EscalationEventTypes
{
    public static EventTypeMap RegisterEscalationEvents(this EventTypeMap map) => map
        .Register<DeadlineSet>("deadline_set")
        .Register<Escalated>("incident_escalated")
        .Register<SlaBreached>("sla_breached")
        .Register<ReminderSent>("reminder_sent")
        .Register<BriefingReminderSent>("briefing_reminder_sent")
        .Register<BriefingMissed>("briefing_missed");
}
