using JasperFx;
using JasperFx.Events;
using Marten;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// <see cref="IEventStore"/> on Marten's event store: streams and events in <c>mt_streams</c> / <c>mt_events</c>,
/// the actor in Marten's user-name metadata, inline projections and outbox rows in the append's transaction.
/// </summary>
public sealed class MartenEventStore(IDocumentStore store) : IEventStore
{
    public async Task<StreamState<T>?> FetchAsync<T>(Guid streamId, Func<T?, object, T> evolve, CancellationToken ct)
        where T : class
    {
        var events = await ReadStreamAsync(streamId, ct);
        if (events.Count == 0) return null;
        T? state = null;
        foreach (var e in events) state = evolve(state, e.Data);
        return new StreamState<T>(streamId, events[^1].Version, state!);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamId, token: ct);
        return events.Select(Recorded.From).ToList();
    }

    public async Task<long> AppendAsync(Guid streamId, string streamType, long expectedVersion,
        IReadOnlyList<object> events, Guid actor, CancellationToken ct) =>
        events.Count == 0
            ? expectedVersion
            : (await AppendAsync([new StreamAppend(streamId, streamType, expectedVersion, events)], [], actor, ct))[0];

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<StreamPrecondition> preconditions, Guid actor, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = actor.ToString();
        foreach (var a in appends.Where(a => a.Events.Count > 0))
        {
            if (a.ExpectedVersion == 0)
                session.Events.StartStream(a.StreamId, a.Events.ToArray());
            else
                // Marten's expected version is the stream's version after the append; ours, the version read.
                session.Events.Append(a.StreamId, a.ExpectedVersion + a.Events.Count, a.Events.ToArray());
        }
        // A precondition appends nothing and asserts the version at commit (Marten's AssertStreamVersion), so a
        // decision made on another stream's state holds only if that stream did not move meanwhile.
        foreach (var p in preconditions)
            session.Events.Append(p.StreamId, p.Version, Array.Empty<object>()).AlwaysEnforceConsistency = true;

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                                       or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            // Name the stream that moved, so callers can tell whose version was stale.
            var expected = appends.Where(a => a.Events.Count > 0).Select(a => (a.StreamId, a.ExpectedVersion))
                .Concat(preconditions.Select(p => (p.StreamId, p.Version)));
            foreach (var (id, version) in expected)
                if (await CurrentVersionAsync(id, ct) is var actual && (actual ?? 0) != version)
                    throw new StreamVersionConflict(id, version, actual);
            throw;
        }
        return appends.Select(a => a.ExpectedVersion + a.Events.Count).ToList();
    }

    private async Task<long?> CurrentVersionAsync(Guid streamId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(streamId, ct))?.Version;
    }
}

/// <summary>Marten's event envelope as the project's <see cref="RecordedEvent"/>.</summary>
internal static class Recorded
{
    public static RecordedEvent From(IEvent e) => new(
        e.Sequence, e.Id, e.StreamId, e.Version, e.EventTypeName, e.Data,
        Guid.TryParse(e.UserName, out var actor) ? actor : Guid.Empty, e.Timestamp);
}
