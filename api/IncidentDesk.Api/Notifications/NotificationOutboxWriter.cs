using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Notifications;

/// <summary>The notification outbox: a queued message becomes a row the dispatcher delivers; its outcome settles the row.</summary>
public sealed class NotificationOutboxWriter : IOutboxWriter
{
    public void Write(RecordedEvent @event, ISqlBatch batch)
    {
        switch (@event.Data)
        {
            case NotificationQueued e:
                batch.Add("insert into notification_outbox (notification_id, incident_id, stream_id, channel, address, recipient_name, " +
                          "language, subject, body, ack_link, status, next_attempt_at, created_at, drill_run_id, ack_route) " +
                          "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $11, $12::uuid, $13::text)",
                    e.NotificationId, e.IncidentId, @event.StreamId, EnumNames.Name(e.Channel), e.Address, e.RecipientName, e.Language,
                    e.Subject, e.Body, e.AckLink, e.At, e.DrillRunId, e.AckRoute);
                break;
            // The delivery's outcome settles its row in the transaction that records it, so a process that dies
            // after recording a delivery can never leave the row pending for another node to send again.
            case NotificationSent e:
                batch.Add("update notification_outbox set status = 'sent', sent_at = $2, lease_until = null, last_error = null, transport = $3 " +
                          "where notification_id = $1", e.NotificationId, e.At, e.Transport is { } t ? EnumNames.Name(t) : null);
                break;
            // A drill message kept inside its run: settled, never sent (no other node may pick it up again).
            case NotificationSimulated e:
                batch.Add("update notification_outbox set status = 'simulated', lease_until = null, last_error = $2 where notification_id = $1",
                    e.NotificationId, e.Reason);
                break;
            case NotificationFailed e:
                batch.Add("update notification_outbox set status = 'failed', lease_until = null, last_error = $2 where notification_id = $1",
                    e.NotificationId, e.Error);
                break;
        }
    }
}
