using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Notifications;

public enum NotificationChannel { Email, Webhook }

/// <summary>
/// How a delivered message left: accepted by an SMTP server, written as an .eml file to the pickup folder (no SMTP
/// server configured: nobody has received it yet), or accepted by a webhook endpoint.
/// </summary>
public enum NotificationTransport { Smtp, PickupFolder, Webhook }

/// <summary>
/// A message and its delivery. They are appended to the stream of whoever decided the message (an incident's
/// escalation stream today); the outbox row remembers that stream, so the outcome lands beside the message.
/// </summary>
public interface INotificationEvent : IDomainEvent
{
    Guid IncidentId { get; }

    Guid NotificationId { get; }
}

/// <summary>
/// A message someone must receive, with its exact text: the proof of "who was told what". The one-click
/// acknowledge link (a credential) is added only when the message leaves, never stored here.
/// <see cref="DrillRunId"/> is set on every message of a tabletop drill (its incident, its injects, its contact-chain
/// check): the dispatcher delivers such a message only inside the run (see drill_allow_list).
/// </summary>
public sealed record NotificationQueued(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string RecipientName, string Address,
    string Language, string Template, string Subject, string Body, bool AckLink, Guid Actor, DateTimeOffset At,
    Guid? DrillRunId = null)
    : INotificationEvent
{
    /// <summary>
    /// Where the acknowledge link lands: null for an incident's <c>/ack/{incidentId}</c>; <c>drill-ack</c> for a contact-chain
    /// check's <c>/drill-ack/{checkId}</c> (the id in <see cref="IncidentId"/> is then the check's). Absent in messages before it existed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? AckRoute { get; init; }
}

/// <summary>Delivered: <see cref="Transport"/> says how (null in events recorded before it was kept: SMTP or the pickup folder).</summary>
public sealed record NotificationSent(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string Address, int Attempts, Guid Actor,
    DateTimeOffset At, NotificationTransport? Transport = null) : INotificationEvent;

/// <summary>Delivery gave up: a permanent refusal (5xx) or retries exhausted. Visible to admins and on the timeline.</summary>
public sealed record NotificationFailed(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string Address, int Attempts, string Error,
    bool Permanent, Guid Actor, DateTimeOffset At) : INotificationEvent;

/// <summary>
/// A drill message the dispatcher kept inside its run (issue 11 §2): it "would have been sent" to
/// <see cref="Address"/> and never left. <see cref="Reason"/> is the gate's (<see cref="DrillRouting"/>): outside-run,
/// webhook-not-enabled, run-mismatch, no-address. Recorded by the system beside the message, on the same stream.
/// </summary>
public sealed record NotificationSimulated(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string Address, string Reason, Guid DrillRunId,
    Guid Actor, DateTimeOffset At) : INotificationEvent;

public static class NotificationEventTypes
{
    public static EventTypeMap RegisterNotificationEvents(this EventTypeMap map) => map
        .Register<NotificationQueued>("notification_queued")
        .Register<NotificationSent>("notification_sent")
        .Register<NotificationFailed>("notification_failed")
        .Register<NotificationSimulated>("notification_simulated");
}
