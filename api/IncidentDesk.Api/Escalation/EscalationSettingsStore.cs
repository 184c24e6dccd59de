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
public sealed class EscalationSettingsStore(NpgsqlDataSource db, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);

    private Snapshot? cache;

    private sealed record Snapshot(DateTimeOffset At, SlaPolicy Policy, IReadOnlyList<(ContactChain Chain, long Version)> Chains);

    public async Task<SlaPolicy> PolicyAsync(CancellationToken ct) => (await SnapshotAsync(ct)).Policy;

    public async Task<IReadOnlyList<(ContactChain Chain, long Version)>> ChainsAsync(CancellationToken ct) =>
        (await SnapshotAsync(ct)).Chains;

    /// <summary>The chain for a category (and department when the incident has one); else the default chain.</summary>
    public async Task<ContactChain?> ChainForAsync(Category category, string? department, CancellationToken ct)
    {
        var chains = (await SnapshotAsync(ct)).Chains.Select(c => c.Chain).ToList();
        return chains.FirstOrDefault(c => department is not null && c.Department == department && c.Categories.Contains(category))
               ?? chains.FirstOrDefault(c => c.Department is null && c.Categories.Contains(category))
               ?? chains.FirstOrDefault(c => c.IsDefault);
    }

    public void Invalidate() => cache = null;

    private async Task<Snapshot> SnapshotAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cache is { } c && now - c.At < CacheFor) return c;

        await using var batch = db.CreateBatch();
        batch.Add("select policy::text from sla_policy where id = 1");
        batch.Add("select id, name, categories, department, is_default, contacts::text, version from contact_chains order by is_default, name");
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
        var snapshot = new Snapshot(now, policy, chains);
        cache = snapshot;
        return snapshot;
    }
}
