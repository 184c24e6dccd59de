using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using MediatR;

namespace IncidentDesk.Api.Escalation.FiringDeadlines;

/// <summary>A deadline's time has come (sent by the Quartz job; may arrive twice, late, or after the facts moved on).</summary>
public sealed record FireDeadline(Guid IncidentId, Guid DeadlineId) : IRequest<int>;

internal sealed class FireDeadlineHandler(
    IEventStore store, EscalationStreams escalations, EscalationSettingsStore settings, TimeProvider clock)
    : IRequestHandler<FireDeadline, int>
{
    public async Task<int> Handle(FireDeadline cmd, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var incident = await store.FetchAsync<Incident>(cmd.IncidentId, Incident.Evolve, ct);
            if (incident is null) return 0;
            var escalation = await escalations.LoadAsync(cmd.IncidentId, ct);
            var chain = await settings.ChainForAsync(incident.State.Category, incident.State.Department, ct);
            var now = clock.GetUtcNow();
            var decided = Decide(incident.State, escalation.State, cmd.DeadlineId, chain, now);
            if (decided.Count == 0) return 0;

            var reactions = await escalations.ReactAsync(incident.State, escalation, decided, now, ct);
            var events = decided.Cast<object>().Concat(reactions.Events).ToList();
            try
            {
                // The decision read the incident (acknowledged? which stage?): it holds only if the incident
                // has not moved since, so its version is a precondition of the append.
                await store.AppendAsync(
                    [reactions with { Events = events }],
                    [new StreamPrecondition(cmd.IncidentId, incident.Version)], SystemActor.Id, ct);
                return decided.Count;
            }
            catch (StreamVersionConflict) when (attempt < 5)
            {
                // Someone acknowledged or moved the incident meanwhile, or a delivery was recorded: decide again.
            }
        }
    }

    /// <summary>
    /// Pure and idempotent: a deadline that already fired, was replaced, or was met changes nothing. An unmet
    /// acknowledgement deadline alerts the next contact of the chain, or, with the chain exhausted, is a breach
    /// that reaches every Executive (seeds 000:1398-1404: late information to management made damage worse).
    /// </summary>
    internal static IReadOnlyList<IEscalationEvent> Decide(
        Incident s, EscalationState e, Guid deadlineId, ContactChain? chain, DateTimeOffset now)
    {
        if (!e.Deadlines.TryGetValue(deadlineId, out var d) || d.Fired) return [];
        if (e.Current(d.Kind)?.Id != deadlineId || s.Stage == Stage.Closed) return [];
        switch (d.Kind)
        {
            case DeadlineKind.Acknowledge when s.AcknowledgedAt is null:
                var next = d.Level + 1;
                return chain is not null && next < chain.Contacts.Count
                    ? [new Escalated(s.Id, d.Id, next, chain.Contacts[next], SystemActor.Id, now)]
                    : [new SlaBreached(s.Id, d.Id, DeadlineKind.Acknowledge, SystemActor.Id, now)];
            case DeadlineKind.Triage when s.Stage <= Stage.Triage:
                return [new SlaBreached(s.Id, d.Id, DeadlineKind.Triage, SystemActor.Id, now)];
            case DeadlineKind.Reminder when s.Stage == d.Stage:
                return [new ReminderSent(s.Id, d.Id, s.Stage, SystemActor.Id, now)];
            default:
                return [];
        }
    }
}
