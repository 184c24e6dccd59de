using System.Globalization;
using System.Text;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using MediatR;
using Npgsql;

namespace IncidentDesk.Api.Incidents.GettingBoard;

public sealed record IncidentSummary(
    Guid Id, string Reference, Category Category, string Summary, Stage Stage, Severity? Severity,
    Guid? OwnerId, string? OwnerName, Guid ReporterId, string? ReporterName, DateTimeOffset NoticedAt,
    DateTimeOffset ReportedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset UpdatedAt, long Version)
{
    /// <summary>Countdowns for the board: when acknowledgement / triage are due (null once met).</summary>
    public DateTimeOffset? AckDueAt { get; init; }

    public DateTimeOffset? TriageDueAt { get; init; }

    /// <summary>A deadline passed unmet (SLA breached).</summary>
    public bool Breached { get; init; }

    /// <summary>
    /// Acknowledgement or triage is due and its due time has passed (at the time of the read): for acknowledgement
    /// the first deadline counts, whichever contact is being chased now.
    /// </summary>
    public bool Overdue { get; init; }

    /// <summary>The highest contact level alerted: 0 the first contact; above 0 the report was escalated.</summary>
    public int EscalationLevel { get; init; }

    public bool Escalated => EscalationLevel > 0;

    /// <summary>An earlier report this one may repeat (staff only; always null for reporters).</summary>
    public DuplicateRef? PossibleDuplicateOf { get; init; }

    /// <summary>
    /// The earliest needed-by of the incident's pending decision requests (asked, not yet decided, lapsed or withdrawn),
    /// for the board's countdown; null when none is pending, and always null for reporters (they never see decisions).
    /// </summary>
    public DateTimeOffset? PendingDecisionNeededBy { get; init; }

    /// <summary>The tabletop drill run that filed it (a DRL- drill incident); null for a real incident.</summary>
    public Guid? DrillRunId { get; init; }
}

public sealed record DuplicateRef(Guid Id, string Reference);

/// <summary>
/// The board's attention filter: <c>overdue</c>, <c>escalated</c>, <c>breached</c>, or <c>any</c> of them
/// (see <see cref="IncidentSummary"/> for each).
/// </summary>
public enum Attention { Overdue, Escalated, Breached, Any }

/// <summary>
/// A page of incidents. <see cref="Total"/> counts matches up to <see cref="GetIncidentBoardHandler.CountCap"/>;
/// beyond that <see cref="TotalCapped"/> is true and the UI shows "10,000+" (an exact count of a large table
/// costs more than the page itself).
/// </summary>
public sealed record IncidentList(IReadOnlyList<IncidentSummary> Items, long Total, bool TotalCapped = false);

/// <summary>Board/list filters. <c>owner</c> is an account id, "me" or "none"; <c>reporter</c> only "me".</summary>
public sealed record GetIncidentBoard(
    Caller Caller, Stage? Stage, Severity? Severity, Category? Category, string? Owner, string? Reporter, string? Q,
    int Page, int PageSize, string? Sort) : IRequest<IncidentList>
{
    public Attention? Attention { get; init; }

    /// <summary>Real incidents unless asked (issue 11 §2): drill incidents never crowd the board by default.</summary>
    public IncidentKind Kind { get; init; } = IncidentKind.Real;
}

/// <summary>Keeps incident_board in step with the incident streams (same transaction as the append).</summary>
public sealed class IncidentBoardProjection : IInlineProjection
{
    public string Name => "board";

    public IReadOnlyList<string> Tables { get; } = ["incident_board"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        const string touch = "updated_at = $2, version = $3";
        switch (@event.Data)
        {
            case IncidentReported e:
                batch.Add("insert into incident_board (id, reference, category, summary, stage, reporter_id, noticed_at, " +
                          "reported_at, updated_at, version, drill_run_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10::uuid)",
                    e.IncidentId, e.Reference, EnumNames.Name(e.Category), e.Summary, EnumNames.Name(Stage.Detection), e.Actor,
                    e.NoticedAt, e.At, @event.Version, e.DrillRunId);
                break;
            case IncidentAcknowledged e:
                batch.Add($"update incident_board set acknowledged_at = $2, {touch} where id = $1", e.IncidentId, e.At, @event.Version);
                break;
            case IncidentTriaged e:
                batch.Add($"update incident_board set severity = $4, severity_rank = $5, {touch} where id = $1",
                    e.IncidentId, e.At, @event.Version, EnumNames.Name(e.Severity), (short)e.Severity);
                break;
            case SeverityRerated e:
                batch.Add($"update incident_board set severity = $4, severity_rank = $5, {touch} where id = $1",
                    e.IncidentId, e.At, @event.Version, EnumNames.Name(e.To), (short)e.To);
                break;
            case StageAdvanced e:
                batch.Add($"update incident_board set stage = $4, {touch} where id = $1", e.IncidentId, e.At, @event.Version, EnumNames.Name(e.To));
                break;
            case IncidentReclassified e:
                batch.Add($"update incident_board set category = $4, {touch} where id = $1", e.IncidentId, e.At, @event.Version, EnumNames.Name(e.To));
                break;
            case IncidentAssigned e:
                batch.Add($"update incident_board set owner_id = $4, {touch} where id = $1", e.IncidentId, e.At, @event.Version, e.OwnerId);
                break;
            case PossibleDuplicateFlagged e:
                // A flag is no change to the incident's facts: updated_at stays, the version follows the stream.
                batch.Add("update incident_board set duplicate_of_id = $2, duplicate_of_reference = $3, version = $4 where id = $1",
                    e.IncidentId, e.OtherIncidentId, e.OtherReference, @event.Version);
                break;
            case BriefingPosted e:
                // Told to the executives, no change to the incident's facts: updated_at stays, the version follows the stream.
                batch.Add("update incident_board set version = $2 where id = $1", e.IncidentId, @event.Version);
                break;
            case IIncidentEvent e:
                batch.Add($"update incident_board set {touch} where id = $1", e.IncidentId, e.At, @event.Version);
                break;
        }
    }
}

internal sealed class GetIncidentBoardHandler(NpgsqlDataSource db, TimeProvider clock) : IRequestHandler<GetIncidentBoard, IncidentList>
{
    public const int MaxPageSize = 200;
    public const int CountCap = 10_000;

    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        ["noticedAt"] = "b.noticed_at asc, b.id", ["-noticedAt"] = "b.noticed_at desc, b.id",
        ["reportedAt"] = "b.reported_at asc, b.id", ["-reportedAt"] = "b.reported_at desc, b.id",
        ["severity"] = "b.severity_rank asc, b.noticed_at desc, b.id", ["-severity"] = "b.severity_rank desc, b.noticed_at desc, b.id",
        // INC-2026-10000 follows INC-2026-9999: year, then number (its length first, since it is not zero-padded past 4 digits).
        ["reference"] = "left(b.reference, 8) asc, length(b.reference) asc, b.reference asc",
        ["-reference"] = "left(b.reference, 8) desc, length(b.reference) desc, b.reference desc",
        ["updatedAt"] = "b.updated_at asc, b.id", ["-updatedAt"] = "b.updated_at desc, b.id",
    };

    public async Task<IncidentList> Handle(GetIncidentBoard q, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (q.Page < 1) errors.Add("page", "must be 1 or more");
        if (q.PageSize is < 1 or > MaxPageSize) errors.Add("pageSize", $"must be between 1 and {MaxPageSize}");
        if (q.Sort is not null && !Sorts.ContainsKey(q.Sort)) errors.Add("sort", $"must be one of {string.Join(", ", Sorts.Keys)}");
        Guid? ownerId = null;
        if (q.Owner is not null and not "me" and not "none")
        {
            if (Guid.TryParse(q.Owner, out var g)) ownerId = g;
            else errors.Add("owner", "must be an account id, 'me' or 'none'");
        }
        if (q.Reporter is not null and not "me") errors.Add("reporter", "must be 'me'");
        errors.Optional("q", q.Q, 200).ThrowIfAny();

        var where = new StringBuilder($"where {IncidentKinds.Sql(q.Kind, "b.drill_run_id")}");
        var textMatches = "";
        var args = new List<object>();
        string Arg(object value) { args.Add(value); return "$" + args.Count; }

        // Reporters only ever see their own reports (R30, least privilege).
        if (!q.Caller.SeesAllIncidents || q.Reporter == "me") where.Append(CultureInfo.InvariantCulture, $" and b.reporter_id = {Arg(q.Caller.Id)}");
        if (q.Stage is { } stage) where.Append(CultureInfo.InvariantCulture, $" and b.stage = {Arg(EnumNames.Name(stage))}");
        // severity_rank is the indexed column (incident_board_severity).
        if (q.Severity is { } sev) where.Append(CultureInfo.InvariantCulture, $" and b.severity_rank = {Arg((short)sev)}");
        if (q.Category is { } cat) where.Append(CultureInfo.InvariantCulture, $" and b.category = {Arg(EnumNames.Name(cat))}");
        if (q.Owner == "me") where.Append(CultureInfo.InvariantCulture, $" and b.owner_id = {Arg(q.Caller.Id)}");
        else if (q.Owner == "none") where.Append(" and b.owner_id is null");
        else if (ownerId is { } o) where.Append(CultureInfo.InvariantCulture, $" and b.owner_id = {Arg(o)}");
        var now = clock.GetUtcNow();
        var overdue = $"b.overdue_at <= {Arg(now)}";
        if (q.Attention is { } attention)
        {
            // The partial index incident_board_attention holds exactly the rows of this predicate (in board order),
            // so every attention filter names it and reads only those.
            where.Append(" and (b.overdue_at is not null or b.escalation_level > 0 or b.breached)");
            where.Append(attention switch
            {
                Attention.Overdue => $" and {overdue}",
                Attention.Escalated => " and b.escalation_level > 0",
                Attention.Breached => " and b.breached",
                _ => $" and ({overdue} or b.escalation_level > 0 or b.breached)",
            });
        }
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var like = Arg("%" + EscapeLike(q.Q.Trim()) + "%");
            // Text matches come from the trigram indexes first (a materialized set): left to itself the planner
            // walks the noticed_at index filtering row by row, which for a rare word reads the whole table.
            textMatches = $"with text_matches as materialized (select id from incident_board " +
                          $"where summary ilike {like} or reference ilike {like}) ";
            where.Append(" and b.id in (select id from text_matches)");
        }

        var order = Sorts[q.Sort ?? "-noticedAt"];
        await using var batch = db.CreateBatch();
        batch.Add($"{textMatches}select count(*) from (select 1 from incident_board b {where} limit {CountCap + 1}) matches", args.ToArray());
        batch.Add(
            textMatches + "select b.id, b.reference, b.category, b.summary, b.stage, b.severity, b.owner_id, o.display_name, " +
            "b.reporter_id, r.display_name, b.noticed_at, b.reported_at, b.acknowledged_at, b.updated_at, b.version, " +
            $"b.ack_due_at, b.triage_due_at, b.breached, coalesce({overdue}, false), b.escalation_level, " +
            "b.duplicate_of_id, b.duplicate_of_reference, b.drill_run_id, " +
            // decision_requests is the decision read model (Decisions/DecisionProjection); its index on
            // (incident_id, requested_at) serves this per-row look-up of the page's rows only.
            (q.Caller.SeesAllIncidents
                ? "(select min(d.needed_by) from decision_requests d where d.incident_id = b.id and d.status in ('requested', 'info_asked')) "
                : "null::timestamptz ") +
            $"from incident_board b left join users o on o.id = b.owner_id left join users r on r.id = b.reporter_id {where} " +
            $"order by {order} limit {q.PageSize} offset {(long)(q.Page - 1) * q.PageSize}", args.ToArray());
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var total = r.GetInt64(0);
        await r.NextResultAsync(ct);
        var items = new List<IncidentSummary>();
        while (await r.ReadAsync(ct))
            items.Add(new IncidentSummary(
                r.GetGuid(0), r.GetString(1), Parse<Category>(r.GetString(2)), r.GetString(3), Parse<Stage>(r.GetString(4)),
                r.IsDBNull(5) ? null : Parse<Severity>(r.GetString(5)), r.IsDBNull(6) ? null : r.GetGuid(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetGuid(8), r.IsDBNull(9) ? null : r.GetString(9),
                r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11),
                r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12), r.GetFieldValue<DateTimeOffset>(13), r.GetInt64(14))
            {
                AckDueAt = r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15),
                TriageDueAt = r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16),
                Breached = r.GetBoolean(17),
                Overdue = r.GetBoolean(18),
                EscalationLevel = r.GetInt16(19),
                // Reporters never learn that their report looks like another one (issue 9 §5).
                PossibleDuplicateOf = r.IsDBNull(20) || !q.Caller.SeesAllIncidents ? null : new DuplicateRef(r.GetGuid(20), r.GetString(21)),
                DrillRunId = r.IsDBNull(22) ? null : r.GetGuid(22),
                PendingDecisionNeededBy = r.IsDBNull(23) ? null : r.GetFieldValue<DateTimeOffset>(23),
            });
        return new IncidentList(items, Math.Min(total, CountCap), total > CountCap);
    }

    private static T Parse<T>(string name) where T : struct, Enum => EnumNames.Parse<T>(name);

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
