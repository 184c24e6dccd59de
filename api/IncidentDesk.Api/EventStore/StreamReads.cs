using Marten;

namespace IncidentDesk.Api.EventStore;

/// <summary>Reads of event streams for queries (commands read through their <see cref="UnitOfWork"/>).</summary>
public static class StreamReads
{
    public static async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(this IQuerySession session, Guid streamId, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(streamId, token: ct)).Select(Recorded.From).ToList();

    /// <summary>Loads and folds a stream; null when the stream does not exist.</summary>
    public static async Task<StreamState<T>?> FetchAsync<T>(this IQuerySession session, Guid streamId, Func<T?, object, T> evolve,
        CancellationToken ct) where T : class
    {
        var events = await session.Events.FetchStreamAsync(streamId, token: ct);
        if (events.Count == 0) return null;
        T? state = null;
        foreach (var e in events) state = evolve(state, e.Data);
        return new StreamState<T>(streamId, events[^1].Version, state!);
    }

    public static async Task<StreamState<T>?> FetchAsync<T>(this IDocumentStore store, Guid streamId, Func<T?, object, T> evolve,
        CancellationToken ct) where T : class
    {
        await using var session = store.QuerySession();
        return await session.FetchAsync(streamId, evolve, ct);
    }
}
