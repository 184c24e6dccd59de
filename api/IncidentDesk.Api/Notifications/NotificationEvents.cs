using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Notifications;

public enum NotificationChannel { Email, Webhook }

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
/// </summary>
public sealed record NotificationQueued(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string RecipientName, string Address,
    string Language, string Template, string Subject, string Body, bool AckLink, Guid Actor, DateTimeOffset At)
    : INotificationEvent;

public sealed record NotificationSent(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string Address, int Attempts, Guid Actor,
    DateTimeOffset At) : INotificationEvent;

/// <summary>Delivery gave up: a permanent refusal (5xx) or retries exhausted. Visible to admins and on the timeline.</summary>
public sealed record NotificationFailed(
    Guid IncidentId, Guid NotificationId, NotificationChannel Channel, string Address, int Attempts, string Error,
    bool Permanent, Guid Actor, DateTimeOffset At) : INotificationEvent;

public static class NotificationEventTypes
{
    public static EventTypeMap RegisterNotificationEvents(this EventTypeMap map) => map
        .Register<NotificationQueued>("notification_queued")
        .Register<NotificationSent>("notification_sent")
        .Register<NotificationFailed>("notification_failed");
}
