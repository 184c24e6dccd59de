using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;

namespace IncidentDesk.Api.Escalation;

/// <summary>Loads an incident's escalation stream and plans the reactions to decided events.</summary>
public sealed class EscalationStreams(IEventStore store, EscalationContextLoader contexts)
{
    public async Task<StreamState<EscalationState>> LoadAsync(Guid incidentId, CancellationToken ct) =>
        await store.FetchAsync<EscalationState>(EscalationState.StreamIdFor(incidentId), EscalationState.Evolve, ct)
        ?? new StreamState<EscalationState>(EscalationState.StreamIdFor(incidentId), 0, EscalationState.Empty(incidentId));

    /// <summary>The escalation stream's append for these decided events (deadlines, messages), to commit with them.</summary>
    public async Task<StreamAppend> ReactAsync(
        Incident? before, StreamState<EscalationState> escalation, IReadOnlyList<IIncidentEvent> decided,
        DateTimeOffset now, CancellationToken ct)
    {
        var ctx = await contexts.LoadAsync(before, decided, ct);
        var reactions = Reactions.Plan(before, escalation.State, decided, ctx, () => Guid.CreateVersion7(now), now);
        return new StreamAppend(escalation.StreamId, EscalationState.StreamType, escalation.Version, reactions.Cast<object>().ToList());
    }
}
