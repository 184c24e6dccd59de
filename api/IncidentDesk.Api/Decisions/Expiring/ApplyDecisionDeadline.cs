using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Timers;
using MediatR;

namespace IncidentDesk.Api.Decisions;

/// <summary>A decision timer's time has come (sent by its Hangfire job; may arrive twice, late, or after the facts moved on).</summary>
public sealed record ApplyDecisionDeadline(Guid DecisionId, Guid TimerId) : IRequest<int>;

internal sealed class ApplyDecisionDeadlineHandler(CommandPath commands) : IRequestHandler<ApplyDecisionDeadline, int>
{
    public Task<int> Handle(ApplyDecisionDeadline cmd, CancellationToken ct) =>
        commands.RunAsync(SystemActor.Id, async work =>
        {
            var decision = await work.LoadAsync<DecisionRequest>(cmd.DecisionId, DecisionCommandRunner.EvolveDecision, ct);
            if (decision is null) return 0;
            var noticesId = DecisionNotices.StreamIdFor(cmd.DecisionId);
            var notices = (await work.LoadAsync<DecisionNotices>(noticesId, DecisionNotices.Evolve, ct))?.State ?? DecisionNotices.Empty(cmd.DecisionId);
            var (onRequest, onNotices) = Decide(decision.State, notices, cmd.TimerId, work.Now, () => Guid.CreateVersion7(work.Now));
            // A reminder read the request (still open? who has not decided?): it holds only if the request has not moved by
            // the commit. Two nodes firing the same timer append at the same version: one commits, the other decides again
            // on what the first did and decides nothing.
            if (onRequest.Count == 0) work.Require(cmd.DecisionId);
            work.Append(cmd.DecisionId, onRequest);
            work.Append(noticesId, onNotices);
            return onRequest.Count + onNotices.Count;
        }, ct);

    /// <summary>
    /// Pure and idempotent: a timer of an earlier round, one that fired, or one of a request that is no longer open
    /// changes nothing. A reminder is sent once. At the deadline the request's rule applies: escalate to the deputies
    /// (if any) and then to every Executive, each time with as long again as the first round had; ask again once; or
    /// lapse, applying the default only if the kind marks it safe (a timer never pays a ransom or discloses).
    /// </summary>
    internal static (IReadOnlyList<IDecisionEvent> OnRequest, IReadOnlyList<IDecisionEvent> OnNotices) Decide(
        DecisionRequest s, DecisionNotices notices, Guid timerId, DateTimeOffset now, Func<Guid> newId)
    {
        if (!notices.Timers.TryGetValue(timerId, out var t) || t.Fired || t.Round != s.Round || !s.IsOpen) return ([], []);
        if (t.Kind == DecisionTimerKind.Reminder)
            return ([], [new DecisionReminderSent(s.Id, s.IncidentId, timerId, t.Percent, SystemActor.Id, now)]);

        var span = s.Request.NeededBy - s.Request.At;
        var neededBy = now + span;
        IReadOnlyList<IDecisionEvent> NextRound() => [.. DecisionTimers.Round(s.Id, s.IncidentId, s.Round + 1, now, neededBy, newId, now)];
        switch (s.Request.OnExpiry)
        {
            case OnExpiry.Escalate when s.Reach == DecisionReach.Approvers:
            {
                var reach = s.Request.Approvers.Any(a => a.DeputyId is not null) ? DecisionReach.Deputies : DecisionReach.AllExecutives;
                var e = new DecisionEscalated(s.Id, s.IncidentId, timerId, reach, neededBy, SystemActor.Id, now);
                return ([e], NextRound());
            }
            case OnExpiry.Escalate when s.Reach == DecisionReach.Deputies:
            {
                var e = new DecisionEscalated(s.Id, s.IncidentId, timerId, DecisionReach.AllExecutives, neededBy, SystemActor.Id, now);
                return ([e], NextRound());
            }
            case OnExpiry.ReAsk when !s.Reasked:
            {
                var e = new DecisionReasked(s.Id, s.IncidentId, timerId, neededBy, SystemActor.Id, now);
                return ([e], NextRound());
            }
        }
        var apply = s.Request.OnExpiry != OnExpiry.RecordNoDecision && s.Request.DefaultOptionId is { } d &&
                    DecisionKinds.IsSafe(s.Request.Kind, d)
            ? d
            : null;
        return ([new DecisionLapsed(s.Id, s.IncidentId, timerId, apply is null ? LapseResult.NoDecision : LapseResult.DefaultApplied, apply,
            SystemActor.Id, now)], []);
    }
}

/// <summary>Decision reminders and deadlines are timers of this purpose on the request's notice stream.</summary>
public sealed class DecisionDeadlineTimer(IMediator mediator) : ITimerPurpose
{
    public const string Purpose = "decision-deadline";

    public string Name => Purpose;

    public Task FireAsync(TimerDue timer, CancellationToken ct) =>
        mediator.Send(new ApplyDecisionDeadline(timer.StreamId, timer.TimerId), ct);
}
