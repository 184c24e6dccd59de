using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using Npgsql;

namespace IncidentDesk.Api.Escalation;

/// <summary>Reads what <see cref="Reactions"/> needs, and only that (filing reads no account at all).</summary>
public sealed class EscalationContextLoader(EscalationSettingsStore settings, NpgsqlDataSource db, PublicUrl publicUrl)
{
    public async Task<EscalationContext> LoadAsync(Incident? before, IReadOnlyList<IDomainEvent> decided, CancellationToken ct)
    {
        var after = before;
        foreach (var e in decided.OfType<IIncidentEvent>()) after = Incident.Evolve(after, e);
        var policy = await settings.PolicyAsync(ct);
        var chain = after is null ? null : await settings.ChainForAsync(after.Category, after.Department, ct);

        var ids = Reactions.AccountsNeeded(before, decided);
        var executives = Reactions.NeedsExecutives(decided);
        var (accounts, execs) = ids.Count > 0 || executives
            ? await LoadRecipientsAsync(db, ids, executives, ct)
            : (new Dictionary<Guid, Recipient>(), new List<Recipient>());
        return new EscalationContext(policy, chain, accounts, execs, publicUrl.Base);
    }

    /// <summary>
    /// The accounts <paramref name="ids"/> as recipients (name, address, language), and with <paramref name="executives"/>
    /// every enabled Executive. A disabled Executive hears of nothing: the account is off, whoever holds the address now.
    /// <paramref name="enabledOnly"/> leaves disabled accounts out of <c>Accounts</c> too.
    /// </summary>
    public static async Task<(Dictionary<Guid, Recipient> Accounts, List<Recipient> Executives)> LoadRecipientsAsync(
        NpgsqlDataSource db, IReadOnlyCollection<Guid> ids, bool executives, CancellationToken ct, bool enabledOnly = false)
    {
        var accounts = new Dictionary<Guid, Recipient>();
        var execs = new List<Recipient>();
        await using var cmd = db.CreateCommand(
            "select id, display_name, email, roles, language, disabled from users where id = any($1) or ($2 and $3 = any(roles) and not disabled)");
        cmd.Parameters.AddWithValue(ids.ToArray());
        cmd.Parameters.AddWithValue(executives);
        cmd.Parameters.AddWithValue(Roles.Executive);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var recipient = new Recipient(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(4));
            if (ids.Contains(recipient.AccountId!.Value) && !(enabledOnly && r.GetBoolean(5))) accounts[recipient.AccountId.Value] = recipient;
            if (executives && !r.GetBoolean(5) && r.GetFieldValue<string[]>(3).Contains(Roles.Executive)) execs.Add(recipient);
        }
        return (accounts, execs);
    }
}
