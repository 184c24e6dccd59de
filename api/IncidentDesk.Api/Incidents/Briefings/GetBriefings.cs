using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using MediatR;
using Npgsql;

namespace IncidentDesk.Api.Incidents.Briefings;

/// <summary>One executive briefing as posted, with the incident it is about.</summary>
public sealed record BriefingView(
    Guid Id, Guid IncidentId, string Reference, int Number, Severity Severity, string WhatHappened, string Impact,
    string Response, string Unknowns, string NextDecision, Guid PostedBy, string? PostedByName, DateTimeOffset PostedAt)
{
    /// <summary>About a tabletop drill incident (DRL-; only listed when asked for).</summary>
    public bool Drill => Filing.IncidentReferences.IsDrillReference(Reference);
}

/// <summary>
/// An incident's briefings, newest first. <see cref="NextDueAt"/>: when the next one is (or was) due, null when none is
/// scheduled (closed, below high, or the severity's interval is off); <see cref="LateNoticeAt"/>: when the executives
/// were told the due one is late. <see cref="CanPost"/>: the incident is open and high or critical.
/// </summary>
public sealed record IncidentBriefings(
    IReadOnlyList<BriefingView> Items, bool CanPost, DateTimeOffset? NextDueAt, DateTimeOffset? LateNoticeAt);

/// <summary>An open high or critical incident and where its briefings stand.</summary>
public sealed record BriefingDue(
    Guid IncidentId, string Reference, Category Category, Severity Severity, Stage Stage, Guid? OwnerId, string? OwnerName,
    DateTimeOffset? NextDueAt, DateTimeOffset? LateNoticeAt, DateTimeOffset? LastBriefingAt)
{
    public bool Drill => Filing.IncidentReferences.IsDrillReference(Reference);
}

/// <summary>
/// Briefings of open incidents posted since <see cref="Since"/>, newest first (at most <see cref="GetBriefingFeed.Limit"/>),
/// and every open high or critical incident with its next due time, soonest (or most overdue) first.
/// </summary>
public sealed record BriefingFeed(DateTimeOffset Since, IReadOnlyList<BriefingView> Items, IReadOnlyList<BriefingDue> Incidents);

public sealed record GetIncidentBriefings(Guid IncidentId, Caller Caller) : IRequest<IncidentBriefings>;

public sealed record GetBriefingFeed(DateTimeOffset Since) : IRequest<BriefingFeed>
{
    public const int Limit = 200;

    /// <summary>Real incidents unless asked: the executives' briefings never mix a drill in (issue 11 §2).</summary>
    public IncidentKind Kind { get; init; } = IncidentKind.Real;
}

internal sealed class GetBriefingsHandler(IncidentCommandRunner runner, NpgsqlDataSource db, UserDirectory users)
    : IRequestHandler<GetIncidentBriefings, IncidentBriefings>, IRequestHandler<GetBriefingFeed, BriefingFeed>
{
    private const string Columns = "b.briefing_id, b.incident_id, i.reference, b.number, b.severity, b.what_happened, b.impact, " +
                                   "b.response, b.unknowns, b.next_decision, b.posted_by, b.posted_at";

    public async Task<IncidentBriefings> Handle(GetIncidentBriefings q, CancellationToken ct)
    {
        var incident = (await runner.LoadVisibleAsync(q.IncidentId, q.Caller, ct)).State;
        var items = await BriefingsAsync($"where b.incident_id = $1 order by b.posted_at desc", [q.IncidentId], ct);
        await using var cmd = db.CreateCommand("select briefing_due_at, briefing_late_at from incident_board where id = $1");
        cmd.Parameters.AddWithValue(q.IncidentId);
        DateTimeOffset? due = null, late = null;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct))
                (due, late) = (Time(r, 0), Time(r, 1));
        var canPost = incident.Stage != Stage.Closed && incident.Severity is Severity.High or Severity.Critical;
        return new IncidentBriefings(await NamedAsync(items, ct), canPost, due, late);
    }

    public async Task<BriefingFeed> Handle(GetBriefingFeed q, CancellationToken ct)
    {
        var items = await BriefingsAsync($"where i.stage <> 'closed' and b.posted_at >= $1 and {IncidentKinds.Sql(q.Kind, "i.drill_run_id")} " +
                                         $"order by b.posted_at desc limit {GetBriefingFeed.Limit}",
            [q.Since], ct);
        var incidents = new List<BriefingDue>();
        await using (var cmd = db.CreateCommand(
                         "select id, reference, category, severity, stage, owner_id, briefing_due_at, briefing_late_at, last_briefing_at " +
                         "from incident_board where stage <> 'closed' and severity in ('high', 'critical') " +
                         $"and {IncidentKinds.Sql(q.Kind, "drill_run_id")} " +
                         "order by briefing_due_at nulls last, severity_rank desc, noticed_at desc"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                incidents.Add(new BriefingDue(r.GetGuid(0), r.GetString(1), EnumNames.Parse<Category>(r.GetString(2)),
                    EnumNames.Parse<Severity>(r.GetString(3)), EnumNames.Parse<Stage>(r.GetString(4)),
                    r.IsDBNull(5) ? null : r.GetGuid(5), null, Time(r, 6), Time(r, 7), Time(r, 8)));
        var owners = await users.NamesAsync(incidents.Select(i => i.OwnerId).OfType<Guid>(), ct);
        return new BriefingFeed(q.Since, await NamedAsync(items, ct),
            incidents.Select(i => i with { OwnerName = i.OwnerId is { } o ? owners.GetValueOrDefault(o) : null }).ToList());
    }

    private async Task<List<BriefingView>> BriefingsAsync(string where, object[] parameters, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} from briefings b join incident_board i on i.id = b.incident_id {where}");
        foreach (var p in parameters) cmd.Parameters.AddWithValue(p);
        var items = new List<BriefingView>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            items.Add(new BriefingView(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), EnumNames.Parse<Severity>(r.GetString(4)),
                r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.GetGuid(10), null,
                r.GetFieldValue<DateTimeOffset>(11)));
        return items;
    }

    private async Task<IReadOnlyList<BriefingView>> NamedAsync(List<BriefingView> items, CancellationToken ct)
    {
        var names = await users.NamesAsync(items.Select(b => b.PostedBy), ct);
        return items.Select(b => b with { PostedByName = names.GetValueOrDefault(b.PostedBy) }).ToList();
    }

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
