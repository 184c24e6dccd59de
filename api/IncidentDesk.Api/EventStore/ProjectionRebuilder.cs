using Marten;
using Npgsql;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// Replays the log into the read models through Marten's projection rebuild (the async daemon's machinery),
/// one projection at a time: its tables are emptied, then every event is run through the same projection code
/// the appends use. Outbox writers are not projections and never run: a rebuild sends nothing.
/// </summary>
public sealed class ProjectionRebuilder(
    IDocumentStore store, NpgsqlDataSource dataSource, IEnumerable<IInlineProjection> projections, ILogger<ProjectionRebuilder> log)
{
    public IReadOnlyList<string> Names => projections.Select(p => p.Name).ToList();

    /// <summary>Rebuilds the named projections (all when none are named); returns the number of events in the log.</summary>
    public async Task<long> RebuildAsync(CancellationToken ct, params string[] names)
    {
        var unknown = names.Except(Names).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown projection(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Names)}");
        var all = projections.ToList();
        var selected = all.Where(p => names.Length == 0 || names.Contains(p.Name)).ToList();
        // A projection that writes into a selected one's tables is replayed after it (registration order).
        selected = all.Where(p => selected.Contains(p) || p.AlsoWrites.Any(t => selected.Any(s => s.Tables.Contains(t)))).ToList();
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in selected)
        {
            foreach (var table in projection.Tables)
            {
                await using var delete = dataSource.CreateCommand($"delete from {table}");
                await delete.ExecuteNonQueryAsync(ct);
            }
            await daemon.RebuildProjectionAsync(projection.Name, TimeSpan.FromMinutes(30), ct);
            log.LogInformation("Rebuilt projection {Name}", projection.Name);
        }
        await using var count = dataSource.CreateCommand("select count(*) from mt_events");
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }
}
