using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions.Deciding;
using IncidentDesk.Api.Decisions.GettingDecisions;
using MediatR;

namespace IncidentDesk.Api.Decisions.Withdrawing;

public sealed record WithdrawRequest([property: Required, StringLength(2000, MinimumLength = 1)] string? Reason);

public sealed record WithdrawDecision(Guid DecisionId, long ExpectedVersion, WithdrawRequest Body, Caller Caller) : IRequest<DecisionDetail>;

internal sealed class WithdrawHandler(DecisionCommandRunner runner) : IRequestHandler<WithdrawDecision, DecisionDetail>
{
    public Task<DecisionDetail> Handle(WithdrawDecision cmd, CancellationToken ct)
    {
        if (!cmd.Caller.WorksIncidents) throw new Forbidden("responders and admins withdraw decision requests");
        var errors = new FieldErrors();
        var reason = errors.MultilineValue("reason", cmd.Body.Reason, 2000);
        errors.ThrowIfAny();
        return runner.RunAsync(cmd.DecisionId, cmd.ExpectedVersion, cmd.Caller, c => Decide(c.Decision, reason, cmd.Caller, c.Now), ct);
    }

    /// <summary>Pure. An open request is withdrawn with a reason; its timers then change nothing. Twice is once.</summary>
    internal static IReadOnlyList<IDecisionEvent> Decide(DecisionRequest s, string reason, Caller caller, DateTimeOffset now)
    {
        if (s.Status == DecisionStatus.Withdrawn) return [];
        DecideDecisionHandler.RequireOpen(s);
        return [new DecisionWithdrawn(s.Id, s.IncidentId, reason, caller.Id, now)];
    }
}
