using System.Reflection;
using Npgsql;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// Creates Marten's schema objects, then applies the numbered SQL files under Migrations/ (embedded) once each,
/// in order, and records them, then the objects of other libraries (<see cref="IDatabaseObjects"/>). A session advisory lock makes concurrent starts of several API nodes safe.
/// </summary>
public sealed class Migrator(
    NpgsqlDataSource dataSource, Marten.IDocumentStore store, IEnumerable<IDatabaseObjects> libraries, ILogger<Migrator> log)
{
    private const long LockKey = 0x1D_0001;

    public static IReadOnlyList<(int Number, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await Exec(conn, $"select pg_advisory_lock({LockKey})", ct);
        try
        {
            // Marten's own tables and functions first (mt_events, mt_streams, ...): the numbered migrations build on
            // them (the append-only triggers on mt_events). Marten computes the difference and applies only that.
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await Exec(conn, "create table if not exists schema_migrations (version int primary key, " +
                             "name text not null, applied_at timestamptz not null default now())", ct);
            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("select version from schema_migrations", conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) applied.Add(r.GetInt32(0));

            foreach (var (number, name, sql) in Migrations.Where(m => !applied.Contains(m.Number)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(sql, conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                await using (var cmd = new NpgsqlCommand(
                                 "insert into schema_migrations (version, name) values ($1, $2)", conn, tx))
                {
                    cmd.Parameters.AddWithValue(number);
                    cmd.Parameters.AddWithValue(name);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log.LogInformation("Applied migration {Number} {Name}", number, name);
            }
            foreach (var library in libraries) await library.ApplyAsync(conn, ct);
        }
        finally
        {
            await Exec(conn, $"select pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static List<(int, string, string)> LoadMigrations()
    {
        var asm = Assembly.GetExecutingAssembly();
        var list = new List<(int, string, string)>();
        foreach (var res in asm.GetManifestResourceNames().Where(n => n.Contains(".Migrations.") && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = res[(res.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
            var number = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = asm.GetManifestResourceStream(res)!;
            using var reader = new StreamReader(stream);
            list.Add((number, file[5..^4], reader.ReadToEnd()));
        }
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        if (list.Select(m => m.Item1).Distinct().Count() != list.Count)
            throw new InvalidOperationException("two migrations share a number");
        return list;
    }
}
