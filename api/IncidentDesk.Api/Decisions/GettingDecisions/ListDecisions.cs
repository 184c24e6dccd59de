using IncidentDesk.Api.Common;
using MediatR;
using Npgsql;

namespace IncidentDesk.Api.Decisions.GettingDecisions;

/// <summary>One line of a decision log: what was asked, where it stands, the outcome, and the deadline while pending.</summary>
public sealed record DecisionSummary(
    Guid Id, long Version, Guid IncidentId, string IncidentReference, DecisionKind Kind, string? StepId, string Question,
    DecisionStatus Status, DecisionReach Reach, Quorum Quorum, DateTimeOffset NeededBy, Guid RequestedBy, string? RequestedByName,
    DateTimeOffset RequestedAt, IReadOnlyList<Guid> ApproverIds, IReadOnlyList<Guid> DeputyIds, string? OptionId, string? OptionLabel,
    Guid? DecidedBy, string? DecidedByName, DateTimeOffset? DecidedAt, bool Disagreement, int OpenQuestions, int Superseded,
    bool AwaitsCaller)
{
    /// <summary>The request is about a tabletop drill incident (DRL-); drills are listed only when asked for, or for their incident.</summary>
    public bool Drill => Incidents.Filing.IncidentReferences.IsDrillReference(IncidentReference);
}

public sealed record DecisionList(IReadOnlyList<DecisionSummary> Items);

/// <summary>
/// Filters: <paramref name="Status"/> (a status, or "open" for requested and info_asked), kind, incident, the period
/// the request was made in (<paramref name="From"/> inclusive, <paramref name="To"/> exclusive) and
/// <paramref name="AwaitingMe"/>: open requests the caller may decide. Open ones first, most urgent first.
/// </summary>
public sealed record ListDecisions(
    Caller Caller, string? Status, DecisionKind? Kind, Guid? IncidentId, DateTimeOffset? From, DateTimeOffset? To, bool AwaitingMe)
    : IRequest<DecisionList>
{
    /// <summary>
    /// Real incidents' requests unless asked (issue 11 §2), except when one incident is named: its page lists its own
    /// requests, a drill incident's included.
    /// </summary>
    public Incidents.IncidentKind? IncidentKind { get; init; }
}

internal sealed class ListDecisionsHandler(NpgsqlDataSource db) : IRequestHandler<ListDecisions, DecisionList>
{
    public const int Limit = 500;

    public async Task<DecisionList> Handle(ListDecisions q, CancellationToken ct)
    {
        if (!q.Caller.SeesAllIncidents) throw new Forbidden("decision requests are for staff");
        if (q.Status is not null && q.Status != "open") EnumNames.ParseQuery<DecisionStatus>("status", q.Status);
        if (q.From is { } f && q.To is { } t && t <= f) throw ValidationFailed.For("to", "must be after from");
        // Who may decide: an approver; a deputy once escalated; every Executive once escalated to all.
        const string awaits = "(d.status in ('requested', 'info_asked') and $7 and ($8 = any(d.approver_ids) " +
                              "or (d.reach <> 'approvers' and $8 = any(d.deputy_ids)) or d.reach = 'all_executives') " +
                              "and not (d.votes ? $8::text))";
        await using var cmd = db.CreateCommand(
            "select d.decision_id, d.version, d.incident_id, d.reference, d.kind, d.step_id, d.question, d.status, d.reach, d.quorum, " +
            "d.needed_by, d.requested_by, ru.display_name, d.requested_at, d.approver_ids, d.deputy_ids, d.option_id, d.option_label, " +
            $"d.decided_by, du.display_name, d.decided_at, d.disagreement, d.open_questions, d.superseded, {awaits} " +
            "from decision_requests d left join users ru on ru.id = d.requested_by left join users du on du.id = d.decided_by " +
            "where ($1::text is null or ($1 = 'open' and d.status in ('requested', 'info_asked')) or d.status = $1) " +
            "and ($2::text is null or d.kind = $2) and ($3::uuid is null or d.incident_id = $3) " +
            "and ($4::timestamptz is null or d.requested_at >= $4) and ($5::timestamptz is null or d.requested_at < $5) " +
            $"and (not $6 or {awaits}) " +
            // incident_board.drill_run_id says which incidents are drills (the one source the board filters on too).
            $"and {Incidents.IncidentKinds.Sql(q.IncidentKind ?? (q.IncidentId is null ? Incidents.IncidentKind.Real : Incidents.IncidentKind.All),
                "(select b.drill_run_id from incident_board b where b.id = d.incident_id)")} " +
            "order by (d.status in ('requested', 'info_asked')) desc, " +
            "case when d.status in ('requested', 'info_asked') then d.needed_by end asc, d.requested_at desc " +
            $"limit {Limit}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = q.Kind is { } k ? EnumNames.Name(k) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.IncidentId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.AddWithValue(q.AwaitingMe);
        cmd.Parameters.AddWithValue(q.Caller.Is(Roles.Executive));
        cmd.Parameters.AddWithValue(q.Caller.Id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<DecisionSummary>();
        while (await r.ReadAsync(ct))
            items.Add(new DecisionSummary(r.GetGuid(0), r.GetInt64(1), r.GetGuid(2), r.GetString(3), EnumNames.Parse<DecisionKind>(r.GetString(4)),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), EnumNames.Parse<DecisionStatus>(r.GetString(7)),
                EnumNames.Parse<DecisionReach>(r.GetString(8)), EnumNames.Parse<Quorum>(r.GetString(9)), r.GetFieldValue<DateTimeOffset>(10),
                r.GetGuid(11), r.IsDBNull(12) ? null : r.GetString(12), r.GetFieldValue<DateTimeOffset>(13), r.GetFieldValue<Guid[]>(14),
                r.GetFieldValue<Guid[]>(15), r.IsDBNull(16) ? null : r.GetString(16), r.IsDBNull(17) ? null : r.GetString(17),
                r.IsDBNull(18) ? null : r.GetGuid(18), r.IsDBNull(19) ? null : r.GetString(19),
                r.IsDBNull(20) ? null : r.GetFieldValue<DateTimeOffset>(20), r.GetBoolean(21), r.GetInt32(22), r.GetInt32(23), r.GetBoolean(24)));
        return new DecisionList(items);
    }
}
