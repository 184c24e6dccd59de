namespace IncidentDesk.Api.EventStore;

public interface IEventStore
{
    /// <summary>Loads and folds a stream; null when the stream does not exist.</summary>
    Task<StreamState<T>?> FetchAsync<T>(Guid streamId, Func<T?, object, T> evolve, CancellationToken ct) where T : class;

    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, CancellationToken ct);

    /// <summary>
    /// Appends events to a stream if its version is still <paramref name="expectedVersion"/> (0 = new stream),
    /// runs every inline projection in the same transaction and returns the new version.
    /// Throws <see cref="StreamVersionConflict"/> when someone else appended first.
    /// </summary>
    Task<long> AppendAsync(Guid streamId, string streamType, long expectedVersion, IReadOnlyList<object> events,
        Guid actor, CancellationToken ct);

    /// <summary>
    /// Appends to several streams in one transaction, each at its expected version, provided every
    /// precondition stream is still at the given version. Returns the new versions in order.
    /// </summary>
    Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<StreamAppend> appends, IReadOnlyList<StreamPrecondition> preconditions,
        Guid actor, CancellationToken ct);
}

public sealed record StreamAppend(Guid StreamId, string StreamType, long ExpectedVersion, IReadOnlyList<object> Events);

public sealed record StreamPrecondition(Guid StreamId, long Version);
