using Npgsql;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away database on the PostgreSQL server named by INCIDENTDESK_TEST_PG. Each test class gets its own,
/// so classes run in parallel without seeing each other's rows; it is dropped WITH (FORCE) at the end.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "INCIDENTDESK_TEST_PG";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The tests' own connections, for looking behind the API (event counts, refused UPDATEs).</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The server's base connection string. A missing variable fails the test run: a test suite that quietly
    /// skips its database tests reports green while proving nothing.
    /// </summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. The integration tests need a PostgreSQL server where they may create " +
                $"databases, e.g. export {ServerVariable}=\"Host=127.0.0.1;Port=55440;Username=postgres\" " +
                "(tests/run.sh starts a private one).");

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        var name = $"incidentdesk_it_{Sanitize(purpose)}_{Guid.NewGuid():N}";
        name = name[..Math.Min(name.Length, 63)];
        await using (var admin = await OpenMaintenanceAsync(server))
        {
            await using (var create = new NpgsqlCommand($"create database \"{name}\"", admin))
                await create.ExecuteNonQueryAsync();
            // Commits stop waiting for the WAL flush: still atomic and isolated, only not crash-durable, which a
            // throw-away database does not need, and writes stop waiting on the disk.
            await using (var fast = new NpgsqlCommand($"alter database \"{name}\" set synchronous_commit = off", admin))
                await fast.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var p in parameters) cmd.Parameters.AddWithValue(p);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Events in the log (Marten's tombstones, which fill the sequence gaps of failed appends, are not events).</summary>
    public Task<long> CountEventsAsync() => ScalarAsync("select count(*) from mt_events where type <> 'tombstone'");

    /// <summary>Events of incident streams only (not the escalation streams' deadlines and deliveries).</summary>
    public Task<long> CountIncidentEventsAsync() =>
        ScalarAsync("select count(*) from mt_events e where e.stream_id in (select id from incident_board)");

    /// <summary>The first column of every row, as text (select t::text ... renders a whole row).</summary>
    public async Task<IReadOnlyList<string>> TextRowsAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.IsDBNull(0) ? "<null>" : reader.GetString(0));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        await using var admin = await OpenMaintenanceAsync(server);
        await using var drop = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenMaintenanceAsync(NpgsqlConnectionStringBuilder server)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Database = string.IsNullOrEmpty(server.Database) ? "postgres" : server.Database,
            Pooling = false,
        };
        var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } s
            ? s[..Math.Min(s.Length, 20)]
            : "x";
}
