using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Timers;

/// <summary>Every event that sets a timer leaves a timer_outbox row in its append's transaction.</summary>
public sealed class TimerOutboxWriter : IOutboxWriter
{
    public void Write(RecordedEvent @event, ISqlBatch batch)
    {
        if (@event.Data is not ISetsTimer sets) return;
        var t = sets.Timer();
        batch.Add("insert into timer_outbox (timer_id, purpose, stream_id, incident_id, due_at, created_at) values ($1, $2, $3, $4, $5, $6)",
            t.TimerId, t.Purpose, t.StreamId, t.IncidentId, t.DueAt, @event.RecordedAt);
    }
}
