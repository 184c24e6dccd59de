using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions.GettingDecisions;
using MediatR;

namespace IncidentDesk.Api.Decisions.Deciding;

/// <param name="Conditions">E.g. "stop sales until Friday 18:00".</param>
/// <param name="Emergency">Required when paying a ransom: the emergency (such as lives at stake) that justifies it.</param>
/// <param name="GuidanceAcknowledged">The decider read the seeds' guidance for the kind; required before "pay".</param>
public sealed record DecideRequest(
    [property: Required, StringLength(40, MinimumLength = 1)] string? OptionId,
    [property: StringLength(1000)] string? Conditions,
    [property: Required, StringLength(4000, MinimumLength = 1)] string? Rationale,
    [property: StringLength(2000)] string? Emergency,
    bool? GuidanceAcknowledged);

/// <summary>A decision as validated: the option, its conditions and the reasons, trimmed.</summary>
public sealed record DecisionInput(string OptionId, string? Conditions, string Rationale, string? Emergency, bool GuidanceAcknowledged)
{
    public static DecisionInput Validate(DecideRequest b, FieldErrors? errors = null)
    {
        var e = errors ?? new FieldErrors();
        var input = new DecisionInput(
            e.SingleLineValue("optionId", b.OptionId, 40),
            e.OptionalMultilineValue("conditions", b.Conditions, 1000),
            e.MultilineValue("rationale", b.Rationale, 4000),
            e.OptionalMultilineValue("emergency", b.Emergency, 2000),
            b.GuidanceAcknowledged ?? false);
        if (errors is null) e.ThrowIfAny();
        return input;
    }

    /// <summary>
    /// The option must be the request's. Paying a ransom needs the guidance acknowledged and the emergency stated:
    /// it is normally not paid, and paying may not bring the data back (seeds 000:1422-1430; 003:689-697).
    /// </summary>
    public void RequireAllowed(DecisionRequest s)
    {
        if (s.Option(OptionId) is null)
            throw ValidationFailed.For("optionId", $"is not one of the request's options: {string.Join(", ", s.Request.Options.Select(o => o.Id))}");
        if (s.Request.Kind != DecisionKind.RansomPayment || OptionId != DecisionKinds.Pay) return;
        if (!GuidanceAcknowledged)
            throw new RuleViolated("ransom_guidance_not_acknowledged",
                "paying the ransom can be chosen only after acknowledging the guidance: a ransom is normally not paid, and payment may not return the data");
        if (Emergency is null)
            throw ValidationFailed.For("emergency", "is required when paying the ransom: state the emergency (such as lives at stake) that justifies it");
    }
}

public sealed record DecideDecision(Guid DecisionId, long ExpectedVersion, DecideRequest Body, Caller Caller) : IRequest<DecisionDetail>;

internal sealed class DecideDecisionHandler(DecisionCommandRunner runner) : IRequestHandler<DecideDecision, DecisionDetail>
{
    public Task<DecisionDetail> Handle(DecideDecision cmd, CancellationToken ct)
    {
        var input = DecisionInput.Validate(cmd.Body);
        return runner.RunAsync(cmd.DecisionId, cmd.ExpectedVersion, cmd.Caller,
            c => Decide(c.Decision, IncidentSnapshots.Of(c.Incident, c.IncidentVersion), input, cmd.Caller, c.Now), ct);
    }

    /// <summary>
    /// Pure. Only an Executive the request reaches decides (no link decides: a signed-in Executive does). With quorum
    /// "any", or once every Executive is reached, one decision decides; with "all", the request is decided when every
    /// approver has chosen the same option, and until then a disagreement stays visible. The same decision again
    /// changes nothing.
    /// </summary>
    internal static IReadOnlyList<IDecisionEvent> Decide(
        DecisionRequest s, IncidentSnapshot facts, DecisionInput b, Caller caller, DateTimeOffset now)
    {
        RequireOpen(s);
        var slot = s.DecidesFor(caller) ?? throw new Forbidden(caller.Is(Roles.Executive)
            ? "only the approvers this request names (or their deputies once it is escalated) may decide it"
            : "only Executives decide");
        b.RequireAllowed(s);
        if (s.CurrentVotes.TryGetValue(slot, out var mine) && mine.OptionId == b.OptionId && mine.Conditions == b.Conditions &&
            mine.Rationale == b.Rationale && mine.Emergency == b.Emergency)
            return [];
        var vote = new ApproverDecided(s.Id, s.IncidentId, slot, b.OptionId, b.Conditions, b.Rationale, b.Emergency, b.GuidanceAcknowledged,
            facts, caller.Id, now);
        var after = DecisionRequest.Evolve(s, vote);
        var votes = after.CurrentVotes;
        var reached = s.Request.Quorum == Quorum.Any || s.Reach == DecisionReach.AllExecutives ||
                      s.Request.Approvers.All(a => votes.TryGetValue(a.AccountId, out var v) && v.OptionId == b.OptionId);
        return reached
            ? [vote, new DecisionReached(s.Id, s.IncidentId, b.OptionId, b.Conditions, b.Rationale, caller.Id, now)]
            : [vote];
    }

    /// <summary>Open requests only: a taken, lapsed or withdrawn one says which (superseding is its own command).</summary>
    internal static void RequireOpen(DecisionRequest s)
    {
        switch (s.Status)
        {
            case DecisionStatus.Decided:
                throw new RuleViolated("decision_already_taken", $"decision request {s.Id} is already decided; supersede it to change the decision");
            case DecisionStatus.Lapsed:
                throw new RuleViolated("decision_lapsed", $"decision request {s.Id} lapsed at its deadline; supersede it to decide now");
            case DecisionStatus.Withdrawn:
                throw new RuleViolated("decision_withdrawn", $"decision request {s.Id} was withdrawn by the requester");
        }
    }
}
