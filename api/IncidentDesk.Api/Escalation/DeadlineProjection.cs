using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using Npgsql;

namespace IncidentDesk.Api.Escalation;

/// <summary>
/// incident_deadlines and the board's countdown columns. Events of both streams feed it: deadlines are set and
/// fired on the escalation stream, met by acknowledgement and stage changes on the incident stream.
/// </summary>
public sealed class DeadlineProjection : IInlineProjection
{
    public string Name => "deadlines";

    public IReadOnlyList<string> Tables { get; } = ["incident_deadlines"];

    public IReadOnlyList<string> AlsoWrites { get; } = ["incident_board"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        switch (@event.Data)
        {
            case DeadlineSet e:
                batch.Add("update incident_deadlines set status = 'superseded', updated_at = $3 " +
                          "where incident_id = $1 and kind = $2 and status = 'open'", e.IncidentId, EnumNames.Name(e.Kind), e.At);
                batch.Add("insert into incident_deadlines (deadline_id, incident_id, kind, stage, level, due_at, status, updated_at) " +
                          "values ($1, $2, $3, $4, $5, $6, 'open', $7)",
                    e.DeadlineId, e.IncidentId, EnumNames.Name(e.Kind), e.Stage is { } st ? EnumNames.Name(st) : null, e.Level, e.DueAt, e.At);
                // ack_first_due_at keeps the first acknowledgement deadline: an escalation sets the next contact's,
                // but the acknowledgement is overdue since the first one passed.
                if (e.Kind == DeadlineKind.Acknowledge)
                    batch.Add("update incident_board set ack_due_at = $2, ack_first_due_at = coalesce(ack_first_due_at, $2) " +
                              "where id = $1", e.IncidentId, e.DueAt);
                else if (e.Kind == DeadlineKind.Triage)
                    batch.Add("update incident_board set triage_due_at = $2 where id = $1", e.IncidentId, e.DueAt);
                // A missed briefing stays the one due (the next cycle's reminder comes later); a posted one cleared it first.
                else if (e is { Kind: DeadlineKind.Briefing, Level: 0 })
                    batch.Add("update incident_board set briefing_due_at = least(briefing_due_at, $2) where id = $1", e.IncidentId, e.DueAt);
                break;
            case BriefingReminderSent e:
                Fired(batch, e.DeadlineId, e.At);
                break;
            case BriefingMissed e:
                Fired(batch, e.DeadlineId, e.At);
                batch.Add("update incident_board set briefing_late_at = coalesce(briefing_late_at, $2) where id = $1", e.IncidentId, e.At);
                break;
            case BriefingPosted e:
                batch.Add("update incident_board set briefing_due_at = null, briefing_late_at = null, last_briefing_at = $2 where id = $1",
                    e.IncidentId, e.At);
                break;
            case SeverityRerated { To: < Severity.High } e:
                // Below high no briefing is asked for: the pending one (its timer fires and decides nothing) is set aside.
                batch.Add("update incident_deadlines set status = 'superseded', updated_at = $2 " +
                          "where incident_id = $1 and kind = 'briefing' and status = 'open'", e.IncidentId, e.At);
                batch.Add("update incident_board set briefing_due_at = null, briefing_late_at = null where id = $1", e.IncidentId);
                break;
            case Escalated e:
                Fired(batch, e.DeadlineId, e.At);
                // Level 0 is a chain that took over starting at its first contact: not (further) escalated.
                batch.Add("update incident_board set escalation_level = greatest(escalation_level, $2) where id = $1",
                    e.IncidentId, (short)e.Level);
                break;
            case ReminderSent e:
                Fired(batch, e.DeadlineId, e.At);
                break;
            case SlaBreached e:
                Fired(batch, e.DeadlineId, e.At);
                batch.Add("update incident_board set breached = true where id = $1", e.IncidentId);
                break;
            case IncidentAcknowledged e:
                Met(batch, e.IncidentId, "kind = 'acknowledge'", e.At);
                batch.Add("update incident_board set ack_due_at = null, ack_first_due_at = null where id = $1", e.IncidentId);
                break;
            case StageAdvanced e:
                // Leaving a stage meets its reminder; leaving triage meets the triage deadline; closing meets all.
                Met(batch, e.IncidentId, e.To == Stage.Closed ? "true" : "kind = 'reminder'", e.At);
                if (e.To == Stage.Closed)
                    batch.Add("update incident_board set briefing_due_at = null, briefing_late_at = null where id = $1", e.IncidentId);
                if (e.From <= Stage.Triage && e.To > Stage.Triage)
                {
                    Met(batch, e.IncidentId, "kind in ('triage', 'acknowledge')", e.At);
                    batch.Add("update incident_board set triage_due_at = null, ack_due_at = null, ack_first_due_at = null where id = $1",
                        e.IncidentId);
                }
                break;
        }
    }

    private static void Fired(ISqlBatch batch, Guid deadlineId, DateTimeOffset at) =>
        batch.Add("update incident_deadlines set status = 'fired', updated_at = $2 where deadline_id = $1 and status = 'open'", deadlineId, at);

    private static void Met(ISqlBatch batch, Guid incidentId, string which, DateTimeOffset at) =>
        batch.Add($"update incident_deadlines set status = 'met', updated_at = $2 where incident_id = $1 and status = 'open' and {which}",
            incidentId, at);
}
