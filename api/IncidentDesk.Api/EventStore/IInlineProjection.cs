namespace IncidentDesk.Api.EventStore;

/// <summary>
/// A read model kept up to date in the same transaction as the append. Projections only queue SQL on the
/// append's unit of work (no reads, no I/O of their own), so an append stays one batch plus the commit, and a
/// rebuild replays the log through exactly the same code.
/// </summary>
public interface IInlineProjection
{
    /// <summary>The stable name Marten tracks the projection by, and <c>rebuild &lt;name&gt;</c> selects it by.</summary>
    string Name { get; }

    /// <summary>Tables this projection owns; a rebuild empties them before replaying.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>
    /// Tables of other projections this one also writes columns of; rebuilding their owner rebuilds this
    /// projection after it, so those columns are filled again.
    /// </summary>
    IReadOnlyList<string> AlsoWrites => [];

    void Project(RecordedEvent @event, ISqlBatch batch);
}

/// <summary>
/// SQL queued on the unit of work of an append: it runs in the append's transaction, in the order queued.
/// Parameters are written <c>$1</c>, <c>$2</c>, ... as in Npgsql, and may be repeated.
/// </summary>
public interface ISqlBatch
{
    void Add(string sql, params object?[] parameters);
}
