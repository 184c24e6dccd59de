using JasperFx.Events;

namespace IncidentDesk.Api.EventStore;

/// <summary>Marten's event envelope as the project's <see cref="RecordedEvent"/>.</summary>
internal static class Recorded
{
    public static RecordedEvent From(IEvent e) => new(
        e.Sequence, e.Id, e.StreamId, e.Version, e.EventTypeName, e.Data,
        Guid.TryParse(e.UserName, out var actor) ? actor : Guid.Empty, e.Timestamp);
}
