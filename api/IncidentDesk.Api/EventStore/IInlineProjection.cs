using Npgsql;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// A read model kept up to date in the same transaction as the append. Projections only add SQL to the
/// append's batch (no reads, no I/O of their own), so an append stays one round trip plus the commit, and
/// rebuild replays the log through exactly the same code.
/// </summary>
public interface IInlineProjection
{
    /// <summary>Tables this projection owns; rebuild truncates them before replaying.</summary>
    IReadOnlyList<string> Tables { get; }

    void Project(RecordedEvent @event, NpgsqlBatch batch);
}

public static class BatchExtensions
{
    public static void Add(this NpgsqlBatch batch, string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
            command.Parameters.Add(p is NpgsqlParameter np ? np : new NpgsqlParameter { Value = p ?? DBNull.Value });
        batch.BatchCommands.Add(command);
    }
}
