using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Decisions;

/// <summary>decision_requests: one row per request, in the append's transaction; the events' own times, never "now".</summary>
public sealed class DecisionProjection : IInlineProjection
{
    public string Name => "decisions";

    public IReadOnlyList<string> Tables { get; } = ["decision_requests"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        if (@event.Data is not IDecisionEvent d || d is IDecisionNoticeEvent) return;
        switch (d)
        {
            case DecisionRequested e:
                batch.Add("insert into decision_requests (decision_id, incident_id, reference, kind, step_id, question, status, reach, quorum, " +
                          "needed_by, requested_by, requested_at, approver_ids, deputy_ids, option_labels, version, updated_at) " +
                          "values ($1, $2, $3, $4, $5, $6, 'requested', 'approvers', $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $10)",
                    e.DecisionId, e.IncidentId, e.Snapshot.Reference, EnumNames.Name(e.Kind), e.StepId, e.Question, EnumNames.Name(e.Quorum),
                    e.NeededBy, e.Actor, e.At, e.Approvers.Select(a => a.AccountId).ToArray(),
                    e.Approvers.Select(a => a.DeputyId).OfType<Guid>().ToArray(),
                    System.Text.Json.JsonSerializer.Serialize(e.Options.ToDictionary(o => o.Id, o => o.Label)), @event.Version);
                return;
            case DecisionInfoAsked:
                Set("open_questions = open_questions + 1, status = case when status in ('requested', 'info_asked') then 'info_asked' else status end");
                return;
            case DecisionInfoAnswered:
                // As the stream's fold: back to "requested" once no question is open.
                Set("open_questions = greatest(open_questions - 1, 0), " +
                    "status = case when status = 'info_asked' and open_questions <= 1 then 'requested' else status end");
                return;
            case ApproverDecided e:
                // Each approver's latest option; a disagreement is approvers on different options, shown, never averaged.
                batch.Add("update decision_requests set votes = votes || jsonb_build_object($2::text, $3::text), version = $4, updated_at = $5 " +
                          "where decision_id = $1", e.DecisionId, e.OnBehalfOf.ToString(), e.OptionId, @event.Version, e.At);
                batch.Add("update decision_requests set disagreement = (select count(distinct v) from jsonb_each_text(votes) as t(k, v)) > 1 " +
                          "where decision_id = $1", e.DecisionId);
                return;
            case DecisionReached e:
                Outcome(e.OptionId, e.Actor, e.At, "decided", false);
                return;
            case DecisionSuperseded e:
                Outcome(e.OptionId, e.Actor, e.At, "decided", true);
                return;
            case DecisionLapsed e:
                if (e.OptionId is { } option) Outcome(option, e.Actor, e.At, "lapsed", false);
                else Set("status = 'lapsed'");
                return;
            case DecisionWithdrawn:
                Set("status = 'withdrawn'");
                return;
            case DecisionEscalated e:
                batch.Add("update decision_requests set reach = $2, needed_by = $3, version = $4, updated_at = $5 where decision_id = $1",
                    e.DecisionId, EnumNames.Name(e.Reach), e.NeededBy, @event.Version, e.At);
                return;
            case DecisionReasked e:
                batch.Add("update decision_requests set needed_by = $2, version = $3, updated_at = $4 where decision_id = $1",
                    e.DecisionId, e.NeededBy, @event.Version, e.At);
                return;
        }

        void Set(string assignment) =>
            batch.Add($"update decision_requests set {assignment}, version = $2, updated_at = $3 where decision_id = $1",
                d.DecisionId, @event.Version, d.At);

        void Outcome(string optionId, Guid by, DateTimeOffset at, string status, bool superseding) =>
            batch.Add("update decision_requests set status = $2, option_id = $3, option_label = option_labels ->> $3, decided_by = $4, decided_at = $5, " +
                      $"superseded = superseded + {(superseding ? 1 : 0)}, version = $6, updated_at = $5 where decision_id = $1",
                d.DecisionId, status, optionId, by, at, @event.Version);
    }
}
