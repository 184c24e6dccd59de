using Npgsql;

namespace IncidentDesk.Api.Accounts;

public sealed record UserAccount(
    Guid Id, string Email, string DisplayName, string[] Roles, string PasswordHash, DateTimeOffset CreatedAt,
    string Language = Languages.Default);

/// <summary>Reads of the users read model.</summary>
public sealed class UserDirectory(NpgsqlDataSource db)
{
    private const string Columns =
        "u.id, u.email, u.display_name, u.roles, coalesce(c.password_hash, ''), u.created_at, u.language " +
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
                r.GetString(4), r.GetFieldValue<DateTimeOffset>(5), r.GetString(6)));
        return list;
    }
}
