using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;

namespace IncidentDesk.Api.Escalation;

/// <summary>Events of an incident's escalation stream (deadlines and deliveries), not of the incident itself.</summary>
public interface IEscalationEvent : IIncidentEvent;

public enum DeadlineKind { Acknowledge, Triage, Reminder }

public enum NotificationChannel { Email, Webhook }

/// <summary>
/// A deadline the incident now has. Setting a deadline of a kind replaces the previous one of that kind; a
/// replaced deadline that still fires changes nothing.
/// </summary>
public sealed record DeadlineSet(
    Guid IncidentId, Guid DeadlineId, DeadlineKind Kind, Stage? Stage, int Level, DateTimeOffset DueAt,
    Guid Actor, DateTimeOffset At) : IEscalationEvent;

/// <summary>Nobody acknowledged in time: the next contact of the chain is alerted (level 1 = second contact).</summary>
public sealed record Escalated(
    Guid IncidentId, Guid DeadlineId, int Level, Contact Contact, Guid Actor, DateTimeOffset At) : IEscalationEvent;

/// <summary>A deadline passed unmet: acknowledgement with the chain exhausted, or triage not finished.</summary>
public sealed record SlaBreached(Guid IncidentId, Guid DeadlineId, DeadlineKind Kind, Guid Actor, DateTimeOffset At) : IEscalationEvent;

public sealed record ReminderSent(Guid IncidentId, Guid DeadlineId, Stage Stage, Guid Actor, DateTimeOffset At) : IEscalationEvent;

/// <summary>
/// A message someone must receive, with its exact text: the proof of "who was told what". The one-click
/// acknowledge link (a credential) is added only when the message leaves, never stored here.
/// </summary>
public sealed record NotificationQueued(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string RecipientName, string Address,
    string Language, string Template, string Subject, string Body, bool AckLink, Guid Actor, DateTimeOffset At)
    : IEscalationEvent;

public sealed record NotificationSent(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string Address, int Attempts, Guid Actor,
    DateTimeOffset At) : IEscalationEvent;

/// <summary>Delivery gave up: a permanent refusal (5xx) or retries exhausted. Visible to admins and on the timeline.</summary>
public sealed record NotificationFailed(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string Address, int Attempts, string Error,
    bool Permanent, Guid Actor, DateTimeOffset At) : IEscalationEvent;

/// <summary>Events written by timers and the dispatcher name this account: the system itself.</summary>
public static class SystemActor
{
    public static readonly Guid Id = new("00000000-0000-4000-8000-00000000d35c");
    public const string Name = "IncidentDesk";
}

public static class EscalationEventTypes
{
    public static EventTypeMap RegisterEscalationEvents(this EventTypeMap map) => map
        .Register<DeadlineSet>("deadline_set")
        .Register<Escalated>("incident_escalated")
        .Register<SlaBreached>("sla_breached")
        .Register<ReminderSent>("reminder_sent")
        .Register<NotificationQueued>("notification_queued")
        .Register<NotificationSent>("notification_sent")
        .Register<NotificationFailed>("notification_failed");
}
