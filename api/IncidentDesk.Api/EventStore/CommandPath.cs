using System.Diagnostics;
using IncidentDesk.Api.Common;
using JasperFx;
using Marten;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// What a command's unit of work does once the command has decided, before it commits: a feature's hook to add
/// its own events in the same transaction (the escalation module plans deadlines and messages this way). The
/// store knows nothing of what a hook does; a hook sees <see cref="UnitOfWork.Changes"/> as the command left them.
/// </summary>
public interface IUnitOfWorkReaction
{
    Task ReactAsync(UnitOfWork work, CancellationToken ct);
}

/// <summary>
/// The one command path. Every change, whether from an HTTP request, an acknowledge link, a timer or a delivery,
/// runs here: load the streams it needs, decide (pure), let the reactions add theirs, append everything in one
/// transaction at the versions read, and decide again, a bounded number of times, when a stream the caller did
/// not pin moved meanwhile. A stream the caller pinned (the version the client read, If-Match) that moved is
/// the caller's 412.
/// </summary>
public sealed class CommandPath(IDocumentStore store, IEnumerable<IUnitOfWorkReaction> reactions, TimeProvider clock)
{
    public const int MaxAttempts = 5;

    private readonly IUnitOfWorkReaction[] reactions = reactions.ToArray();

    /// <summary>
    /// Runs <paramref name="body"/> on a fresh unit of work as <paramref name="actor"/> and commits what it appended.
    /// The body may run again (on fresh state) when an unpinned stream moved; it must not have side effects.
    /// </summary>
    public async Task<T> RunAsync<T>(Guid actor, Func<UnitOfWork, Task<T>> body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = actor.ToString();
            if (Activity.Current is { } activity) session.CorrelationId = activity.TraceId.ToString();
            var work = new UnitOfWork(session, clock.GetUtcNow());
            T result;
            try
            {
                result = await body(work);
            }
            catch (RuleViolated) when (work.StalePin() is { } stale)
            {
                // The client decided on an old picture; "it changed, reload" is the more useful answer.
                throw stale;
            }
            if (!work.HasChanges) return result;

            foreach (var reaction in reactions) await reaction.ReactAsync(work, ct);
            work.Flush();
            try
            {
                await session.SaveChangesAsync(ct);
                return result;
            }
            catch (Exception e) when (e is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                                          or JasperFx.Events.ExistingStreamIdCollisionException)
            {
                var moved = await work.MovedAsync(store, ct);
                if (moved is null || moved.Value.Pinned || attempt >= MaxAttempts)
                    throw moved?.Conflict ?? new StreamVersionConflict(Guid.Empty, 0, null);
                // A timer, a delivery or another command moved a stream this one only read: decide again.
            }
        }
    }

    /// <summary>For commands that answer nothing but success.</summary>
    public Task RunAsync(Guid actor, Func<UnitOfWork, Task> body, CancellationToken ct) =>
        RunAsync(actor, async work => { await body(work); return true; }, ct);
}

/// <summary>A stream as the command read it: version and folded state, and what the command appends to it.</summary>
public sealed record StreamChange(Guid StreamId, long Version, object? Before, IReadOnlyList<object> Events);

/// <summary>
/// One attempt of a command: the streams it read (each at the version read), the events it appends and the
/// streams whose version it requires unchanged. Nothing reaches Marten's session before <see cref="Flush"/>.
/// </summary>
public sealed class UnitOfWork
{
    private readonly IDocumentSession session;
    private readonly Dictionary<Guid, Entry> streams = [];

    internal UnitOfWork(IDocumentSession session, DateTimeOffset now)
    {
        this.session = session;
        Now = now;
        Sql = new MartenSqlBatch(session);
    }

    /// <summary>The command's time: every event of the command carries it.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Other writes that must commit with the events (rows that are not read models, e.g. credentials).</summary>
    public ISqlBatch Sql { get; }

    internal bool HasChanges => streams.Values.Any(s => s.Appended.Count > 0);

    /// <summary>The streams appended to, in the order they were first touched.</summary>
    public IReadOnlyList<StreamChange> Changes =>
        streams.Values.Where(s => s.Appended.Count > 0).Select(s => new StreamChange(s.Id, s.Version, s.State, s.Appended.ToList())).ToList();

    /// <summary>
    /// Loads and folds a stream (once per unit of work); null when it does not exist. With
    /// <paramref name="expectedVersion"/>, the stream is pinned: appending to it when it has moved past that
    /// version, or a rule violated on state newer than that, is a <see cref="StreamVersionConflict"/> (412).
    /// </summary>
    public async Task<StreamState<T>?> LoadAsync<T>(Guid id, Func<T?, object, T> evolve, CancellationToken ct,
        long? expectedVersion = null) where T : class
    {
        if (!streams.TryGetValue(id, out var entry))
        {
            var events = await session.Events.FetchStreamAsync(id, token: ct);
            T? state = null;
            foreach (var e in events) state = evolve(state, e.Data);
            entry = streams[id] = new Entry(id, events.Count == 0 ? 0 : events[^1].Version, state);
        }
        if (!entry.Folded) throw new InvalidOperationException($"stream {id} was read for its version only");
        if (expectedVersion is { } expected) entry.Expected = expected;
        return entry.Version == 0 ? null : new StreamState<T>(id, entry.Version, (T)entry.State!);
    }

    /// <summary>
    /// Reads only a stream's version, to append to it at that version (no events loaded, no state): for commands
    /// whose decision does not depend on the stream, such as recording a delivery beside its message.
    /// </summary>
    public async Task<long> ReadVersionAsync(Guid id, CancellationToken ct)
    {
        if (!streams.TryGetValue(id, out var entry))
            entry = streams[id] = new Entry(id, (await session.Events.FetchStreamStateAsync(id, ct))?.Version ?? 0, null) { Folded = false };
        return entry.Version;
    }

    /// <summary>A new stream: committing fails as a conflict if a stream of that id exists by then.</summary>
    public void Start(Guid id, IReadOnlyList<object> events)
    {
        if (streams.ContainsKey(id)) throw new InvalidOperationException($"stream {id} was already read or started");
        streams[id] = new Entry(id, 0, null) { Expected = 0 };
        Append(id, events);
    }

    /// <summary>Appends to a stream read by <see cref="LoadAsync{T}"/> (or started), at the version read.</summary>
    public void Append(Guid id, IEnumerable<object> events)
    {
        var entry = streams.GetValueOrDefault(id) ?? throw new InvalidOperationException($"stream {id} must be loaded before appending");
        var list = events.ToList();
        if (list.Count == 0) return;
        if (entry.Expected is { } expected && expected != entry.Version)
            throw new StreamVersionConflict(id, expected, entry.Version);
        entry.Appended.AddRange(list);
    }

    /// <summary>The decision holds only if this stream (read, not appended to) is still at the version read at commit.</summary>
    public void Require(Guid id) =>
        (streams.GetValueOrDefault(id) ?? throw new InvalidOperationException($"stream {id} must be loaded before it is required")).Required = true;

    /// <summary>The version a stream will have once this unit of work commits.</summary>
    public long VersionAfter(Guid id) => streams.TryGetValue(id, out var s) ? s.Version + s.Appended.Count : 0;

    /// <summary>A pinned stream the command read at a version other than the client's.</summary>
    internal StreamVersionConflict? StalePin() =>
        streams.Values.FirstOrDefault(s => s.Expected is { } e && e != s.Version) is { } stale
            ? new StreamVersionConflict(stale.Id, stale.Expected!.Value, stale.Version)
            : null;

    internal void Flush()
    {
        foreach (var s in streams.Values)
        {
            if (s.Appended.Count > 0 && s.Version == 0)
                session.Events.StartStream(s.Id, s.Appended.ToArray());
            else if (s.Appended.Count > 0)
                // Marten's expected version is the stream's version after the append; ours, the version read.
                session.Events.Append(s.Id, s.Version + s.Appended.Count, s.Appended.ToArray());
            else if (s.Required)
                // Appends nothing and asserts the version at commit (Marten's AssertStreamVersion); it holds the row
                // lock until commit, so no append to that stream can commit in between.
                session.Events.Append(s.Id, s.Version, Array.Empty<object>()).AlwaysEnforceConsistency = true;
        }
    }

    /// <summary>After a failed commit: the first stream written or required whose version is no longer the one read.</summary>
    internal async Task<(bool Pinned, StreamVersionConflict Conflict)?> MovedAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        foreach (var s in streams.Values.Where(s => s.Appended.Count > 0 || s.Required))
        {
            var actual = (await query.Events.FetchStreamStateAsync(s.Id, ct))?.Version ?? 0;
            if (actual != s.Version)
                return (s.Expected is not null, new StreamVersionConflict(s.Id, s.Expected ?? s.Version, actual));
        }
        return null;
    }

    private sealed class Entry(Guid id, long version, object? state)
    {
        public Guid Id { get; } = id;
        public long Version { get; } = version;
        public object? State { get; } = state;
        public long? Expected { get; set; }
        public bool Required { get; set; }
        public bool Folded { get; init; } = true;
        public List<object> Appended { get; } = [];
    }
}
