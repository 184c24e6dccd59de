using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Drills;

/// <summary>
/// drill_runs (one row per run: the list, the console's summary, the dispatcher's "a drill is in progress") and the run's
/// part of drill_allow_list: its participants' addresses, and its contact chain's webhook URLs only when the run enables
/// webhooks. The chain members under test are the contact-chain check's to add. Queued SQL only, the events' own times.
/// </summary>
public sealed class DrillProjection : IInlineProjection
{
    public string Name => "drills";

    public IReadOnlyList<string> Tables { get; } = ["drill_runs"];

    public IReadOnlyList<string> AlsoWrites => ["drill_allow_list"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        if (@event.Data is not IDrillEvent d) return;
        switch (d)
        {
            case DrillScheduled e:
                batch.Add("insert into drill_runs (id, scenario_id, scenario_version, title_ja, title_en, category, format, status, facilitator_id, " +
                          "participant_ids, planned_start, time_scale, webhooks_enabled, version, updated_at) " +
                          "values ($1, $2, $3, $4, $5, $6, $7, 'scheduled', $8, $9, $10, $11, $12, $13, $14)",
                    e.RunId, e.ScenarioId, e.ScenarioVersion, e.TitleJa, e.TitleEn, EnumNames.Name(e.Category),
                    EnumNames.Name(e.Format), e.FacilitatorId,
                    e.Participants.Select(p => p.UserId).ToArray(), e.PlannedStart, e.TimeScale, e.WebhooksEnabled, @event.Version, e.At);
                // Addresses as the accounts have them when the run is scheduled (a rebuild takes them as they are then).
                batch.Add("insert into drill_allow_list (run_id, address, reason) select $1, lower(email), 'participant' from users " +
                          "where id = any($2) on conflict do nothing", e.RunId, e.Participants.Select(p => p.UserId).ToArray());
                if (e.WebhooksEnabled && e.ChainId is { } chain)
                    batch.Add("insert into drill_allow_list (run_id, address, reason) " +
                              "select $1, lower(c ->> 'webhookUrl'), 'webhook' from contact_chains, jsonb_array_elements(contacts) as c " +
                              "where id = $2 and coalesce(c ->> 'webhookUrl', '') <> '' on conflict do nothing", e.RunId, chain);
                return;
            case DrillStarted e:
                batch.Add("update drill_runs set status = 'running', started_at = $2, incident_id = $3::uuid, version = $4, updated_at = $2 where id = $1",
                    e.RunId, e.At, e.IncidentId, @event.Version);
                return;
            case DrillPaused:
                Status("paused");
                return;
            case DrillResumed:
                Status("running");
                return;
            case DrillStopped:
                Status("stopped");
                return;
            case DrillCancelled:
                Status("cancelled");
                return;
            case DrillEnded e:
                batch.Add("update drill_runs set status = 'ended', ended_at = $2, version = $3, updated_at = $2 where id = $1", e.RunId, e.At, @event.Version);
                return;
            default:
                batch.Add("update drill_runs set version = $2, updated_at = $3 where id = $1", d.RunId, @event.Version, d.At);
                return;
        }

        void Status(string status) =>
            batch.Add("update drill_runs set status = $2, version = $3, updated_at = $4 where id = $1", d.RunId, status, @event.Version, d.At);
    }
}
