using Npgsql;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// Schema objects a library keeps in our database and knows how to create (Hangfire's job tables). The
/// <see cref="Migrator"/> applies them at startup under its lock, after Marten's objects and the numbered
/// migrations, so that no library creates schema on its own when first used.
/// </summary>
public interface IDatabaseObjects
{
    string Name { get; }

    /// <summary>Creates or upgrades the objects; idempotent.</summary>
    Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct);
}
