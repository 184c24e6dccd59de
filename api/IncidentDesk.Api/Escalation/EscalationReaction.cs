using IncidentDesk.Api.Notifications;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;

namespace IncidentDesk.Api.Escalation;

/// <summary>
/// The escalation module's hook on the command path: for what a command decided (incident events, or escalation
/// events a timer decided), the deadlines they start and the messages people must receive, appended to the
/// incident's escalation stream in the same transaction. An escalation stream moved by a timer or a delivery
/// meanwhile is a conflict the command path retries; the caller never sees it.
/// </summary>
internal sealed class EscalationReaction(EscalationContextLoader contexts) : IUnitOfWorkReaction
{
    public async Task ReactAsync(UnitOfWork work, CancellationToken ct)
    {
        var decided = work.Changes.SelectMany(c => c.Events).OfType<IDomainEvent>().Where(Reactions.Triggers)
            .GroupBy(e => e switch { IIncidentEvent i => i.IncidentId, IEscalationEvent x => x.IncidentId, _ => Guid.Empty })
            .ToList();
        foreach (var incident in decided)
        {
            // The incident as the command read it (null for one just filed): the reactions fold the decisions onto it.
            var before = (await work.LoadAsync<Incident>(incident.Key, Incident.Evolve, ct))?.State;
            var streamId = EscalationState.StreamIdFor(incident.Key);
            var escalation = (await work.LoadAsync<EscalationState>(streamId, EscalationState.Evolve, ct))?.State
                             ?? EscalationState.Empty(incident.Key);
            var events = incident.ToList();
            var ctx = await contexts.LoadAsync(before, events, ct);
            var now = work.Now;
            work.Append(streamId, Reactions.Plan(before, escalation, events, ctx, () => Guid.CreateVersion7(now), now));
        }
    }
}

/// <summary>The escalation stream on the incident's timeline: deadlines, escalations, messages and their delivery.</summary>
internal sealed class EscalationTimelineSource : Incidents.GettingTimeline.IIncidentTimelineSource
{
    public string Stream => EscalationState.StreamType;

    public Task<IReadOnlyList<Guid>> StreamIdsAsync(Guid incidentId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>([EscalationState.StreamIdFor(incidentId)]);
}
