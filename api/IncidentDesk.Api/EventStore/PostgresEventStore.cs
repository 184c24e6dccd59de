using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

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

public sealed class PostgresEventStore(
    NpgsqlDataSource dataSource,
    EventTypeMap types,
    IEnumerable<IInlineProjection> projections,
    IEnumerable<Escalation.IOutboxWriter> outboxes,
    TimeProvider clock) : IEventStore
{
    private readonly IInlineProjection[] projections = projections.ToArray();
    private readonly Escalation.IOutboxWriter[] outboxes = outboxes.ToArray();

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
        await using var cmd = dataSource.CreateCommand(
            "select seq, event_id, version, type, data::text, metadata->>'actor', recorded_at " +
            "from events where stream_id = $1 order by version");
        cmd.Parameters.AddWithValue(streamId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RecordedEvent>();
        while (await reader.ReadAsync(ct))
            list.Add(Read(reader, streamId));
        return list;
    }

    internal RecordedEvent Read(NpgsqlDataReader r, Guid streamId)
    {
        var type = r.GetString(3);
        return new RecordedEvent(r.GetInt64(0), r.GetGuid(1), streamId, r.GetInt64(2), type,
            types.Deserialize(type, r.GetString(4)), Guid.Parse(r.GetString(5)),
            r.GetFieldValue<DateTimeOffset>(6));
    }

    public async Task<long> AppendAsync(Guid streamId, string streamType, long expectedVersion,
        IReadOnlyList<object> events, Guid actor, CancellationToken ct) =>
        events.Count == 0
            ? expectedVersion
            : (await AppendAsync([new StreamAppend(streamId, streamType, expectedVersion, events)], [], actor, ct))[0];

    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<StreamPrecondition> preconditions, Guid actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);
        var metadata = JsonSerializer.Serialize(new { actor }, JsonDefaults.Options);

        // Each check is one command whose "rows affected" must be 1: the stream version move of every append
        // (0 rows = someone else appended first) and the version of every precondition stream. A
        // precondition takes the stream row's lock without changing it, so no append to that stream can
        // commit in between: decisions made on another stream's state stay valid until this commit.
        var checks = new List<(int Command, Guid StreamId, long Expected)>();
        var recorded = new List<RecordedEvent>();
        foreach (var p in preconditions)
        {
            checks.Add((batch.BatchCommands.Count, p.StreamId, p.Version));
            batch.Add("update streams set version = version where stream_id = $1 and version = $2", p.StreamId, p.Version);
        }
        foreach (var a in appends.Where(a => a.Events.Count > 0))
        {
            var newVersion = a.ExpectedVersion + a.Events.Count;
            checks.Add((batch.BatchCommands.Count, a.StreamId, a.ExpectedVersion));
            if (a.ExpectedVersion == 0)
                batch.Add("insert into streams (stream_id, stream_type, version, created_at, updated_at) " +
                          "values ($1, $2, $3, $4, $4) on conflict (stream_id) do nothing",
                    a.StreamId, a.StreamType, newVersion, now);
            else
                batch.Add("update streams set version = $3, updated_at = $4 where stream_id = $1 and version = $2",
                    a.StreamId, a.ExpectedVersion, newVersion, now);

            var count = a.Events.Count;
            var ids = new Guid[count];
            var versions = new long[count];
            var names = new string[count];
            var data = new string[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = Guid.CreateVersion7(now);
                versions[i] = a.ExpectedVersion + i + 1;
                names[i] = types.NameOf(a.Events[i]);
                data[i] = types.Serialize(a.Events[i]);
                recorded.Add(new RecordedEvent(0, ids[i], a.StreamId, versions[i], names[i], a.Events[i], actor, now));
            }
            var insert = new NpgsqlBatchCommand(
                "insert into events (event_id, stream_id, version, type, data, metadata, recorded_at) " +
                "select e.id, $2, e.version, e.type, e.data, $6, $7 " +
                "from unnest($1::uuid[], $3::bigint[], $4::text[], $5::jsonb[]) as e(id, version, type, data)");
            insert.Parameters.Add(new NpgsqlParameter { Value = ids });
            insert.Parameters.Add(new NpgsqlParameter { Value = a.StreamId });
            insert.Parameters.Add(new NpgsqlParameter { Value = versions });
            insert.Parameters.Add(new NpgsqlParameter { Value = names });
            insert.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = metadata, NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = now });
            batch.BatchCommands.Add(insert);
        }

        // Projections see the events with their final versions; seq is not known before the insert and
        // no projection needs it, so it is 0 here.
        foreach (var e in recorded)
        {
            foreach (var p in projections) p.Project(e, batch);
            foreach (var o in outboxes) o.Write(e, batch);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation &&
                                           e.ConstraintName is "events_stream_version" or "streams_pkey")
        {
            // A stream moved under us; name the one that did, so callers can tell whose version was stale.
            await tx.RollbackAsync(CancellationToken.None);
            foreach (var a in appends.Where(a => a.Events.Count > 0))
                if (await CurrentVersionAsync(a.StreamId, ct) is var actual && (actual ?? 0) != a.ExpectedVersion)
                    throw new StreamVersionConflict(a.StreamId, a.ExpectedVersion, actual);
            throw;
        }

        foreach (var (command, streamId, expected) in checks)
        {
            if (batch.BatchCommands[command].RecordsAffected == 1) continue;
            await tx.RollbackAsync(ct);
            throw new StreamVersionConflict(streamId, expected, await CurrentVersionAsync(streamId, ct));
        }

        await tx.CommitAsync(ct);
        return appends.Select(a => a.ExpectedVersion + a.Events.Count).ToList();
    }

    private async Task<long?> CurrentVersionAsync(Guid streamId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select version from streams where stream_id = $1");
        cmd.Parameters.AddWithValue(streamId);
        return await cmd.ExecuteScalarAsync(ct) as long?;
    }
}
