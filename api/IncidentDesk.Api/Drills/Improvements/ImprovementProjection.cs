using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Drills.Improvements;

/// <summary>improvement_items: one row per item, in the append's transaction; the events' own times, never "now".</summary>
public sealed class ImprovementProjection : IInlineProjection
{
    public string Name => "improvements";

    public IReadOnlyList<string> Tables { get; } = ["improvement_items"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        if (@event.Data is not IImprovementEvent i || i is IImprovementNoticeEvent) return;
        switch (i)
        {
            case ImprovementItemCreated e:
                batch.Add("insert into improvement_items (item_id, title, owner_id, due_date, status, run_id, scenario_id, exercise_id, " +
                          "expected_action_id, contact_person, playbook_id, step_id, created_by, created_at, version, updated_at) " +
                          "values ($1, $2, $3, $4, 'open', $5::uuid, $6::text, $7::uuid, $8::text, $9::text, $10::text, $11::text, $12, $13, $14, $13)",
                    e.ItemId, e.Title, e.OwnerId, e.DueDate, e.Source.RunId, e.Source.ScenarioId, e.Source.ExerciseId, e.Source.ExpectedActionId,
                    e.Source.ContactPerson, e.PlaybookStep?.PlaybookId, e.PlaybookStep?.StepId, e.Actor, e.At, @event.Version);
                return;
            case ImprovementItemEdited e:
                batch.Add("update improvement_items set title = $2, playbook_id = $3::text, step_id = $4::text, version = $5, updated_at = $6 where item_id = $1",
                    e.ItemId, e.Title, e.PlaybookStep?.PlaybookId, e.PlaybookStep?.StepId, @event.Version, e.At);
                return;
            case ImprovementItemAssigned e:
                batch.Add("update improvement_items set owner_id = $2, version = $3, updated_at = $4 where item_id = $1", e.ItemId, e.OwnerId, @event.Version, e.At);
                return;
            case ImprovementItemDueDateChanged e:
                batch.Add("update improvement_items set due_date = $2, version = $3, updated_at = $4 where item_id = $1", e.ItemId, e.DueDate, @event.Version, e.At);
                return;
            case ImprovementItemStatusChanged e:
                batch.Add("update improvement_items set status = $2, retest_run_id = coalesce($3::uuid, retest_run_id), " +
                          "retest_exercise_id = coalesce($4::uuid, retest_exercise_id), version = $5, updated_at = $6 where item_id = $1",
                    e.ItemId, EnumNames.Name(e.To), e.RetestRunId, e.RetestExerciseId, @event.Version, e.At);
                return;
        }
    }
}
