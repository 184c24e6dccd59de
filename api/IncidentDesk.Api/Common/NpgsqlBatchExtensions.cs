using Npgsql;

namespace IncidentDesk.Api.Common;

public static class NpgsqlBatchExtensions
{
    /// <summary>Adds a statement with positional parameters ($1, $2, ...) to a batch of queries.</summary>
    public static void Add(this NpgsqlBatch batch, string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
            command.Parameters.Add(p is NpgsqlParameter np ? np : new NpgsqlParameter { Value = p ?? DBNull.Value });
        batch.BatchCommands.Add(command);
    }
}

public static class PostgresErrors
{
    /// <summary>
    /// Whether <paramref name="e"/> is, or wraps (Marten wraps the driver's errors), a unique violation of
    /// <paramref name="constraint"/>: a read model's unique index deciding a race, the whole append rolled back.
    /// </summary>
    public static bool IsUniqueViolation(this Exception e, string constraint)
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
            if (x is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p && p.ConstraintName == constraint)
                return true;
        return false;
    }
}
