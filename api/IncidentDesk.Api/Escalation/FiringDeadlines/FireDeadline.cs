using IncidentDesk.Api.Notifications;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Timers;
using MediatR;

namespace IncidentDesk.Api.Escalation.FiringDeadlines;

/// <summary>A deadline's time has come (sent by its timer's Hangfire job; may arrive twice, late, or after the facts moved on).</summary>
public sealed record FireDeadline(Guid IncidentId, Guid DeadlineId) : IRequest<int>;

internal sealed class FireDeadlineHandler(CommandPath commands, EscalationSettingsStore settings)
    : IRequestHandler<FireDeadline, int>
{
    public Task<int> Handle(FireDeadline cmd, CancellationToken ct) =>
        commands.RunAsync(SystemActor.Id, async work =>
        {
            var incident = await work.LoadAsync<Incident>(cmd.IncidentId, Incident.Evolve, ct);
            if (incident is null) return 0;
            var streamId = EscalationState.StreamIdFor(cmd.IncidentId);
            var escalation = (await work.LoadAsync<EscalationState>(streamId, EscalationState.Evolve, ct))?.State
                             ?? EscalationState.Empty(cmd.IncidentId);
            var chain = await settings.ChainForAsync(incident.State.Category, incident.State.Department, ct);
            var decided = Decide(incident.State, escalation, cmd.DeadlineId, chain, work.Now, await settings.PolicyAsync(ct));
            // The decision read the incident (acknowledged? which stage?): it holds only if the incident has not
            // moved by the commit. If it has, or a delivery was recorded meanwhile, the command path decides again.
            work.Require(cmd.IncidentId);
            work.Append(streamId, decided);
            return decided.Count;
        }, ct);

    /// <summary>
    /// Pure and idempotent: a deadline that already fired, was replaced, or was met changes nothing. An unmet
    /// acknowledgement deadline alerts the next contact of the chain, or, with the chain exhausted, is a breach
    /// that reaches every Executive (seeds 000:1398-1404: late information to management made damage worse).
    /// </summary>
    internal static IReadOnlyList<IEscalationEvent> Decide(
        Incident s, EscalationState e, Guid deadlineId, ContactChain? chain, DateTimeOffset now, SlaPolicy? policy = null)
    {
        if (!e.Deadlines.TryGetValue(deadlineId, out var d) || d.Fired) return [];
        if (e.Current(d.Kind)?.Id != deadlineId || s.Stage == Stage.Closed) return [];
        switch (d.Kind)
        {
            case DeadlineKind.Acknowledge when s.AcknowledgedAt is null:
                var next = chain is null ? 0 : SameChain(e, d, chain) ? d.Level + 1 : 0;
                return chain is not null && next < chain.Contacts.Count
                    ? [new Escalated(s.Id, d.Id, next, chain.Contacts[next], SystemActor.Id, now)]
                    : [new SlaBreached(s.Id, d.Id, DeadlineKind.Acknowledge, SystemActor.Id, now)];
            case DeadlineKind.Triage when s.Stage <= Stage.Triage:
                return [new SlaBreached(s.Id, d.Id, DeadlineKind.Triage, SystemActor.Id, now)];
            case DeadlineKind.Reminder when s.Stage == d.Stage:
                return [new ReminderSent(s.Id, d.Id, s.Stage, SystemActor.Id, now)];
            // A briefing posted meanwhile set a new briefing deadline (so this one is no longer current); an incident
            // re-rated below high, or whose severity's interval an admin turned off since, is briefed no more.
            case DeadlineKind.Briefing when (policy ?? SlaPolicy.Default).BriefingFor(s.Severity) is not null:
                return d.Level == 0
                    ? [new BriefingReminderSent(s.Id, d.Id, d.DueAt, SystemActor.Id, now)]
                    : [new BriefingMissed(s.Id, d.Id, BriefingDueBefore(e, d), SystemActor.Id, now)];
            default:
                return [];
        }
    }

    /// <summary>When the briefing whose grace <paramref name="late"/> ends fell due: the latest level-0 briefing deadline that fired.</summary>
    private static DateTimeOffset BriefingDueBefore(EscalationState e, DeadlineFacts late) =>
        e.Deadlines.Values.Where(x => x is { Kind: DeadlineKind.Briefing, Level: 0, Fired: true } && x.DueAt <= late.DueAt)
            .Select(x => x.DueAt).DefaultIfEmpty(late.DueAt).Max();

    /// <summary>
    /// Whether the deadline was set for <paramref name="chain"/>: then its next contact follows. A chain that took
    /// over since (an admin created one while the built-in chain was alerting) starts at its first contact. A
    /// deadline stored before deadlines named their chain belongs to it when its contact at that level was sent a
    /// message about this incident.
    /// </summary>
    internal static bool SameChain(EscalationState e, DeadlineFacts d, ContactChain chain) =>
        d.ChainId is { } id
            ? id == chain.Id
            : d.Level < chain.Contacts.Count &&
              e.Deliveries.Any(x => string.Equals(x.Address, chain.Contacts[d.Level].Email, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Escalation deadlines (acknowledge, triage, stage reminders) are timers of this purpose on the escalation stream.</summary>
public sealed class EscalationDeadlineTimer(IMediator mediator) : ITimerPurpose
{
    public const string Purpose = "escalation-deadline";

    public string Name => Purpose;

    public Task FireAsync(TimerDue timer, CancellationToken ct) => mediator.Send(new FireDeadline(timer.IncidentId, timer.TimerId), ct);
}
