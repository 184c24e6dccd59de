using Npgsql;

namespace IncidentDesk.Api.Accounts;

public sealed record UserAccount(
    Guid Id, string Email, string DisplayName, string[] Roles, string PasswordHash, DateTimeOffset CreatedAt,
    string Language = Languages.Default, bool Disabled = false, int SessionEpoch = 0, long Version = 0)
{
    public Registering.UserDto ToDto() => new(Id, Email, DisplayName, Roles, CreatedAt, Language, Disabled, Version);
}

/// <summary>Reads of the users read model.</summary>
public sealed class UserDirectory(NpgsqlDataSource db)
{
    private const string Columns =
        "u.id, u.email, u.display_name, u.roles, coalesce(c.password_hash, ''), u.created_at, u.language, u.disabled, " +
        "u.session_epoch, u.version " +
        "from users u left join user_credentials c on c.user_id = u.id";

    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} where lower(u.email) = lower($1)");
        cmd.Parameters.AddWithValue(email);
        return (await ReadAsync(cmd, ct)) is [var found, ..] ? found : null;
    }

    public async Task<UserAccount?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} where u.id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadAsync(cmd, ct)) is [var found, ..] ? found : null;
    }

    public async Task<IReadOnlyList<UserAccount>> AllAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} order by u.display_name, u.email");
        return await ReadAsync(cmd, ct);
    }

    /// <summary>What a session is checked against on every request: null when the account is gone.</summary>
    public async Task<(bool Disabled, int SessionEpoch, string[] Roles, string DisplayName)?> SessionFactsAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select disabled, session_epoch, roles, display_name from users where id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetBoolean(0), r.GetInt32(1), r.GetFieldValue<string[]>(2), r.GetString(3)) : null;
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select exists (select 1 from users)");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Display names for a set of account ids (unknown ids are absent).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0) return new Dictionary<Guid, string>();
        await using var cmd = db.CreateCommand("select id, display_name from users where id = any($1)");
        cmd.Parameters.AddWithValue(distinct);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var names = new Dictionary<Guid, string>();
        while (await r.ReadAsync(ct)) names[r.GetGuid(0)] = r.GetString(1);
        return names;
    }

    private static async Task<IReadOnlyList<UserAccount>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<UserAccount>();
        while (await r.ReadAsync(ct))
            list.Add(new UserAccount(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3),
                r.GetString(4), r.GetFieldValue<DateTimeOffset>(5), r.GetString(6), r.GetBoolean(7), r.GetInt32(8), r.GetInt64(9)));
        return list;
    }
}
