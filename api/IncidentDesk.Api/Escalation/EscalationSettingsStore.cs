using System.Text.Json;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using Npgsql;

namespace IncidentDesk.Api.Escalation;

/// <summary>
/// Reads the contact chains and the SLA policy. Filing is the hot path, so the settings are cached for a few
/// seconds: an admin's change reaches every node's new deadlines within <see cref="CacheFor"/>.
/// </summary>
public sealed class EscalationSettingsStore(NpgsqlDataSource db, TimeProvider clock) : IOrganisationTimeZone
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);

    private Snapshot? cache;

    private sealed record Snapshot(
        DateTimeOffset At, SlaPolicy Policy, IReadOnlyList<(ContactChain Chain, long Version)> Chains, ContactChain? BuiltIn);

    public async Task<SlaPolicy> PolicyAsync(CancellationToken ct) => (await SnapshotAsync(ct)).Policy;

    async Task<string> IOrganisationTimeZone.GetAsync(CancellationToken ct) => (await PolicyAsync(ct)).TimeZone;

    public async Task<IReadOnlyList<(ContactChain Chain, long Version)>> ChainsAsync(CancellationToken ct) =>
        (await SnapshotAsync(ct)).Chains;

    /// <summary>
    /// The chain for a category (and department when the incident has one); else the default chain; else, while
    /// no admin has saved a default chain, the built-in one (<see cref="ContactChain.BuiltIn"/>). Null only when
    /// there is no enabled admin or responder at all.
    /// </summary>
    public async Task<ContactChain?> ChainForAsync(Category category, string? department, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(ct);
        var chains = snapshot.Chains.Select(c => c.Chain).ToList();
        return chains.FirstOrDefault(c => department is not null && c.Department == department && c.Categories.Contains(category))
               ?? chains.FirstOrDefault(c => c.Department is null && c.Categories.Contains(category))
               ?? chains.FirstOrDefault(c => c.IsDefault)
               ?? snapshot.BuiltIn;
    }

    /// <summary>The built-in chain as it stands (whether or not a saved default chain replaces it).</summary>
    public async Task<ContactChain?> BuiltInChainAsync(CancellationToken ct) => (await SnapshotAsync(ct)).BuiltIn;

    public void Invalidate() => cache = null;

    private async Task<Snapshot> SnapshotAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cache is { } c && now - c.At < CacheFor) return c;

        await using var batch = db.CreateBatch();
        batch.Add("select policy::text from sla_policy where id = 1");
        batch.Add("select id, name, categories, department, is_default, contacts::text, version from contact_chains order by is_default, name");
        batch.Add("select display_name, email, language, roles from users where not disabled and roles && $1 order by created_at, id",
            (object)new[] { Roles.Admin, Roles.Responder });
        await using var r = await batch.ExecuteReaderAsync(ct);
        var policy = await r.ReadAsync(ct)
            ? JsonSerializer.Deserialize<SlaPolicy>(r.GetString(0), JsonDefaults.Options)!
            : SlaPolicy.Default;
        await r.NextResultAsync(ct);
        var chains = new List<(ContactChain Chain, long Version)>();
        while (await r.ReadAsync(ct))
            chains.Add((new ContactChain(r.GetGuid(0), r.GetString(1),
                r.GetFieldValue<string[]>(2).Select(EnumNames.Parse<Category>).ToList(), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetBoolean(4), JsonSerializer.Deserialize<Contact[]>(r.GetString(5), JsonDefaults.Options)!), r.GetInt64(6)));
        await r.NextResultAsync(ct);
        var accounts = new List<(string, string, string, string[])>();
        while (await r.ReadAsync(ct)) accounts.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3)));
        var snapshot = new Snapshot(now, policy, chains, ContactChain.BuiltIn(accounts));
        cache = snapshot;
        return snapshot;
    }
}
