using Npgsql;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// Truncates every inline projection's tables and replays the whole log, in seq order, through the same
/// projection code the appends use. Runs in one transaction: readers see the old read models until commit.
/// </summary>
public sealed class ProjectionRebuilder(
    NpgsqlDataSource dataSource, EventTypeMap types, IEnumerable<IInlineProjection> projections,
    ILogger<ProjectionRebuilder> log)
{
    private const int BatchSize = 1000;

    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        var all = projections.ToArray();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // DELETE, not TRUNCATE: TRUNCATE's exclusive lock would block every board query until the replay
        // commits, while DELETE lets readers keep seeing the old rows (MVCC) until then.
        foreach (var table in all.SelectMany(p => p.Tables).Distinct())
        {
            await using var delete = new NpgsqlCommand($"delete from {table}", conn, tx);
            await delete.ExecuteNonQueryAsync(ct);
        }

        // A second connection streams the log while the first writes the projections.
        await using var readConn = await dataSource.OpenConnectionAsync(ct);
        await using var read = new NpgsqlCommand(
            "select seq, event_id, stream_id, version, type, data::text, metadata->>'actor', recorded_at " +
            "from events order by seq", readConn);
        await using var reader = await read.ExecuteReaderAsync(ct);

        long count = 0;
        var batch = new NpgsqlBatch(conn, tx);
        while (await reader.ReadAsync(ct))
        {
            var type = reader.GetString(4);
            var e = new RecordedEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3),
                type, types.Deserialize(type, reader.GetString(5)), Guid.Parse(reader.GetString(6)),
                reader.GetFieldValue<DateTimeOffset>(7));
            foreach (var p in all) p.Project(e, batch);
            count++;
            if (batch.BatchCommands.Count >= BatchSize)
            {
                await batch.ExecuteNonQueryAsync(ct);
                await batch.DisposeAsync();
                batch = new NpgsqlBatch(conn, tx);
            }
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        await batch.DisposeAsync();
        await tx.CommitAsync(ct);
        log.LogInformation("Rebuilt read models from {Count} events", count);
        return count;
    }
}
