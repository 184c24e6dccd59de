using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions.Deciding;
using IncidentDesk.Api.Decisions.GettingDecisions;
using MediatR;

namespace IncidentDesk.Api.Decisions.Superseding;

/// <param name="Reason">Why the earlier decision no longer holds (both stay on record).</param>
public sealed record SupersedeRequest(
    [property: Required, StringLength(40, MinimumLength = 1)] string? OptionId,
    [property: StringLength(1000)] string? Conditions,
    [property: Required, StringLength(4000, MinimumLength = 1)] string? Rationale,
    [property: StringLength(2000)] string? Emergency,
    bool? GuidanceAcknowledged,
    [property: Required, StringLength(2000, MinimumLength = 1)] string? Reason);

public sealed record SupersedeDecision(Guid DecisionId, long ExpectedVersion, SupersedeRequest Body, Caller Caller) : IRequest<DecisionDetail>;

internal sealed class SupersedeHandler(DecisionCommandRunner runner) : IRequestHandler<SupersedeDecision, DecisionDetail>
{
    public Task<DecisionDetail> Handle(SupersedeDecision cmd, CancellationToken ct)
    {
        var b = cmd.Body;
        var errors = new FieldErrors();
        var input = DecisionInput.Validate(new DecideRequest(b.OptionId, b.Conditions, b.Rationale, b.Emergency, b.GuidanceAcknowledged), errors);
        var reason = errors.MultilineValue("reason", b.Reason, 2000);
        errors.ThrowIfAny();
        return runner.RunAsync(cmd.DecisionId, cmd.ExpectedVersion, cmd.Caller,
            c => Decide(c.Decision, IncidentSnapshots.Of(c.Incident, c.IncidentVersion), input, reason, cmd.Caller, c.Now), ct);
    }

    /// <summary>
    /// Pure. A decided or lapsed request gets a new decision with a reason, by an Executive it names (approver or
    /// deputy), or any Executive once it reached them all. The earlier outcome stays on record beside the new one.
    /// </summary>
    internal static IReadOnlyList<IDecisionEvent> Decide(
        DecisionRequest s, IncidentSnapshot facts, DecisionInput b, string reason, Caller caller, DateTimeOffset now)
    {
        if (s.Status == DecisionStatus.Withdrawn)
            throw new RuleViolated("decision_withdrawn", $"decision request {s.Id} was withdrawn by the requester");
        if (s.IsOpen)
            throw new RuleViolated("decision_not_taken", $"decision request {s.Id} is not decided yet: decide it instead");
        var named = s.Request.Approvers.Any(a => a.AccountId == caller.Id || a.DeputyId == caller.Id);
        if (!caller.Is(Roles.Executive) || !(named || s.Reach == DecisionReach.AllExecutives))
            throw new Forbidden("only the Executives this request names may supersede its decision");
        b.RequireAllowed(s);
        if (s.Outcome is { ByTimer: false } o && o.OptionId == b.OptionId && o.Conditions == b.Conditions && o.Rationale == b.Rationale)
            return [];
        return [new DecisionSuperseded(s.Id, s.IncidentId, b.OptionId, b.Conditions, b.Rationale, reason, b.Emergency, b.GuidanceAcknowledged,
            facts, caller.Id, now)];
    }
}
