namespace IncidentDesk.Api.EventStore;

/// <summary>An event as stored: its position in the log and in its stream, and the deserialized data.</summary>
public sealed record RecordedEvent(
    long Seq, Guid EventId, Guid StreamId, long Version, string Type, object Data, Guid Actor, DateTimeOffset RecordedAt);

/// <summary>The folded state of a stream and the version it was folded at (the client's expected version).</summary>
public sealed record StreamState<T>(Guid StreamId, long Version, T State);

public sealed class StreamVersionConflict(Guid streamId, long expected, long? actual)
    : Exception($"stream {streamId}: expected version {expected}, actual {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}")
{
    public Guid StreamId { get; } = streamId;
    public long Expected { get; } = expected;
    public long? Actual { get; } = actual;
}
