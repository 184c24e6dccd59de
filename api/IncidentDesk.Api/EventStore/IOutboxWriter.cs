namespace IncidentDesk.Api.EventStore;

/// <summary>
/// Side effects that must leave the building (timers, messages) are written as outbox rows in the append's
/// transaction. Unlike projections they are never replayed by a rebuild: that would re-send old mail.
/// </summary>
public interface IOutboxWriter
{
    void Write(RecordedEvent @event, ISqlBatch batch);
}
