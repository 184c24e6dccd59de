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
}

public sealed class PostgresEventStore(
    NpgsqlDataSource dataSource,
    EventTypeMap types,
    IEnumerable<IInlineProjection> projections,
    TimeProvider clock) : IEventStore
{
    private readonly IInlineProjection[] projections = projections.ToArray();

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
        IReadOnlyList<object> events, Guid actor, CancellationToken ct)
    {
        if (events.Count == 0) return expectedVersion;
        var now = clock.GetUtcNow();
        var newVersion = expectedVersion + events.Count;

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(conn, tx);

        // First command decides the optimistic check: 0 rows affected means someone else moved the stream.
        if (expectedVersion == 0)
            batch.Add("insert into streams (stream_id, stream_type, version, created_at, updated_at) " +
                      "values ($1, $2, $3, $4, $4) on conflict (stream_id) do nothing",
                streamId, streamType, newVersion, now);
        else
            batch.Add("update streams set version = $3, updated_at = $4 " +
                      "where stream_id = $1 and version = $2",
                streamId, expectedVersion, newVersion, now);

        var metadata = JsonSerializer.Serialize(new { actor }, JsonDefaults.Options);
        var ids = new Guid[events.Count];
        var versions = new long[events.Count];
        var names = new string[events.Count];
        var data = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            ids[i] = Guid.CreateVersion7(now);
            versions[i] = expectedVersion + i + 1;
            names[i] = types.NameOf(events[i]);
            data[i] = types.Serialize(events[i]);
        }
        var insert = new NpgsqlBatchCommand(
            "insert into events (event_id, stream_id, version, type, data, metadata, recorded_at) " +
            "select e.id, $2, e.version, e.type, e.data, $6, $7 " +
            "from unnest($1::uuid[], $3::bigint[], $4::text[], $5::jsonb[]) as e(id, version, type, data) " +
            "returning seq");
        insert.Parameters.Add(new NpgsqlParameter { Value = ids });
        insert.Parameters.Add(new NpgsqlParameter { Value = streamId });
        insert.Parameters.Add(new NpgsqlParameter { Value = versions });
        insert.Parameters.Add(new NpgsqlParameter { Value = names });
        insert.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = metadata, NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = now });
        batch.BatchCommands.Add(insert);

        // Projections see the events with their final versions; seq is not known before the insert and
        // no projection needs it, so it is 0 here.
        for (var i = 0; i < events.Count; i++)
        {
            var recorded = new RecordedEvent(0, ids[i], streamId, versions[i], names[i], events[i], actor, now);
            foreach (var p in projections) p.Project(recorded, batch);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation &&
                                           e.ConstraintName is "events_stream_version" or "streams_pkey")
        {
            // The streams update matched no row, yet the batch ran on into the events insert, which then hit the
            // winner's versions: still a conflict, and the client needs the current version to retry (412 contract).
            throw new StreamVersionConflict(streamId, expectedVersion, await CurrentVersionAsync(streamId, ct));
        }

        if (batch.BatchCommands[0].RecordsAffected != 1)
        {
            await tx.RollbackAsync(ct);
            throw new StreamVersionConflict(streamId, expectedVersion, await CurrentVersionAsync(streamId, ct));
        }

        await tx.CommitAsync(ct);
        return newVersion;
    }

    private async Task<long?> CurrentVersionAsync(Guid streamId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select version from streams where stream_id = $1");
        cmd.Parameters.AddWithValue(streamId);
        return await cmd.ExecuteScalarAsync(ct) as long?;
    }
}
