using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Incidents.Briefings;

/// <summary>Keeps <c>briefings</c> in step with the briefing_posted events (the board's briefing columns are the deadlines projection's).</summary>
public sealed class BriefingProjection : IInlineProjection
{
    public string Name => "briefings";

    public IReadOnlyList<string> Tables { get; } = ["briefings"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        if (@event.Data is not BriefingPosted e) return;
        batch.Add("insert into briefings (briefing_id, incident_id, number, severity, what_happened, impact, response, unknowns, " +
                  "next_decision, posted_by, posted_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict do nothing",
            e.BriefingId, e.IncidentId, e.Number, EnumNames.Name(e.Severity), e.WhatHappened, e.Impact, e.Response, e.Unknowns,
            e.NextDecision, e.Actor, e.At);
    }
}
