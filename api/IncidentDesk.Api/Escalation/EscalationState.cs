using IncidentDesk.Api.Notifications;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using IncidentDesk.Api.Incidents;

namespace IncidentDesk.Api.Escalation;

public sealed record DeadlineFacts(Guid Id, DeadlineKind Kind, Stage? Stage, int Level, DateTimeOffset DueAt, bool Fired, Guid? ChainId = null);

public enum DeliveryStatus { Queued, Sent, Failed, Simulated }

public sealed record DeliveryFacts(
    Guid Id, NotificationChannel Channel, string RecipientName, string Address, string Template, string Subject,
    DateTimeOffset QueuedAt, DeliveryStatus Status, DateTimeOffset? SettledAt, int Attempts, string? Error);

/// <summary>
/// The escalation side of one incident: its deadlines and the messages sent about it. A stream of its own next
/// to the incident's, so that timers and deliveries never bump the incident's version (no responder gets a
/// 412 because a mail went out), while the appends that create deadlines still commit in the same
/// transaction as the incident events that caused them.
/// </summary>
public sealed record EscalationState(
    Guid IncidentId,
    ImmutableDictionary<Guid, DeadlineFacts> Deadlines,
    ImmutableDictionary<DeadlineKind, Guid> CurrentDeadlines,
    int Level,
    bool Breached,
    ImmutableList<DeliveryFacts> Deliveries)
{
    public const string StreamType = "escalation";

    public static EscalationState Empty(Guid incidentId) => new(incidentId, ImmutableDictionary<Guid, DeadlineFacts>.Empty,
        ImmutableDictionary<DeadlineKind, Guid>.Empty, 0, false, []);

    /// <summary>The escalation stream's id: derived from the incident id (name-based, like a UUIDv5).</summary>
    public static Guid StreamIdFor(Guid incidentId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("incidentdesk/escalation/" + incidentId.ToString("N")));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public DeadlineFacts? Current(DeadlineKind kind) => CurrentDeadlines.TryGetValue(kind, out var id) ? Deadlines[id] : null;

    public static EscalationState Evolve(EscalationState? state, object @event)
    {
        var s = state ?? Empty(@event switch
        {
            IEscalationEvent x => x.IncidentId,
            INotificationEvent n => n.IncidentId,
            _ => throw new InvalidOperationException($"escalation stream cannot start with {@event.GetType().Name}"),
        });
        return @event switch
        {
            DeadlineSet e => s with
            {
                Deadlines = s.Deadlines.SetItem(e.DeadlineId, new DeadlineFacts(e.DeadlineId, e.Kind, e.Stage, e.Level, e.DueAt, false, e.ChainId)),
                CurrentDeadlines = s.CurrentDeadlines.SetItem(e.Kind, e.DeadlineId),
            },
            Escalated e => s.Fire(e.DeadlineId) with { Level = e.Level },
            SlaBreached e => s.Fire(e.DeadlineId) with { Breached = true },
            ReminderSent e => s.Fire(e.DeadlineId),
            BriefingReminderSent e => s.Fire(e.DeadlineId),
            BriefingMissed e => s.Fire(e.DeadlineId),
            NotificationQueued e => s with
            {
                Deliveries = s.Deliveries.Add(new DeliveryFacts(e.NotificationId, e.Channel, e.RecipientName, e.Address,
                    e.Template, e.Subject, e.At, DeliveryStatus.Queued, null, 0, null)),
            },
            NotificationSent e => s.Settle(e.NotificationId, d => d with { Status = DeliveryStatus.Sent, SettledAt = e.At, Attempts = e.Attempts }),
            NotificationSimulated e => s.Settle(e.NotificationId, d => d with { Status = DeliveryStatus.Simulated, SettledAt = e.At, Error = e.Reason }),
            NotificationFailed e => s.Settle(e.NotificationId,
                d => d with { Status = DeliveryStatus.Failed, SettledAt = e.At, Attempts = e.Attempts, Error = e.Error }),
            _ => throw new InvalidOperationException($"escalation cannot fold {@event.GetType().Name}"),
        };
    }

    private EscalationState Fire(Guid deadlineId) =>
        Deadlines.TryGetValue(deadlineId, out var d) ? this with { Deadlines = Deadlines.SetItem(deadlineId, d with { Fired = true }) } : this;

    private EscalationState Settle(Guid id, Func<DeliveryFacts, DeliveryFacts> change)
    {
        var i = Deliveries.FindIndex(d => d.Id == id);
        return i < 0 ? this : this with { Deliveries = Deliveries.SetItem(i, change(Deliveries[i])) };
    }
}
