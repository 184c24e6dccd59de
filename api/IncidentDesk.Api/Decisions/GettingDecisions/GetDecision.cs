using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Playbooks;
using Marten;
using MediatR;

namespace IncidentDesk.Api.Decisions.GettingDecisions;

public sealed record DecisionVoteView(
    Guid OnBehalfOf, string? OnBehalfOfName, Guid By, string? ByName, string OptionId, string? Conditions, string Rationale,
    string? Emergency, bool GuidanceAcknowledged, IncidentSnapshot FactsAtDecision, DateTimeOffset At);

public sealed record DecisionApproverView(Guid AccountId, string? Name, Guid? DeputyId, string? DeputyName, DecisionVoteView? Vote);

public sealed record DecisionInfoView(
    Guid QuestionId, string Question, Guid AskedBy, string? AskedByName, DateTimeOffset AskedAt,
    string? Answer, Guid? AnsweredBy, string? AnsweredByName, DateTimeOffset? AnsweredAt);

/// <param name="ByTimer">Applied by the timer as the request's safe default (no Executive decided).</param>
/// <param name="SupersedeReason">On an earlier outcome: why it was superseded.</param>
public sealed record DecisionOutcomeView(
    string OptionId, string OptionLabel, string? Conditions, string Rationale, Guid DecidedBy, string? DecidedByName,
    DateTimeOffset DecidedAt, bool ByTimer, string? SupersedeReason);

/// <summary>The seeds' guidance for the kind, shown beside the options; <c>acknowledgeBefore</c> names the option it guards.</summary>
/// <param name="Source">the seed lines the guidance comes from (file:lines; shown to admins only)</param>
/// <param name="Citations">the same, as readers see them: publisher, title and section of each seed document</param>
public sealed record DecisionGuidanceView(Bilingual? Text, string? AcknowledgeBefore, string Source, IReadOnlyList<SourceView> Citations);

/// <summary>
/// One decision request: what was asked and shown (question, options, recommendation, context, the incident's
/// snapshot), who may decide, every approver's decision, the outcome and the earlier outcomes it superseded.
/// <c>mayDecide</c> says whether the caller may decide now; the ETag is <c>version</c>.
/// </summary>
public sealed record DecisionDetail(
    Guid Id, long Version, Guid IncidentId, string IncidentReference, DecisionKind Kind, string? StepId, DecisionStatus Status,
    DecisionReach Reach, string Question, IReadOnlyList<DecisionOption> Options, string? RecommendedOptionId, string? Recommendation,
    string Context, IReadOnlyList<string> Unknowns, IncidentSnapshot Snapshot, DateTimeOffset NeededBy, DateTimeOffset RequestedAt,
    Guid RequestedBy, string? RequestedByName, Quorum Quorum, OnExpiry OnExpiry, string? DefaultOptionId,
    IReadOnlyList<DecisionApproverView> Approvers, IReadOnlyList<DecisionVoteView> Votes, bool Disagreement,
    IReadOnlyList<DecisionInfoView> Info, DecisionOutcomeView? Outcome, IReadOnlyList<DecisionOutcomeView> Superseded,
    string? WithdrawReason, DateTimeOffset? WithdrawnAt, LapseResult? Lapse, DateTimeOffset? LapsedAt,
    DecisionGuidanceView Guidance, bool MayDecide, DateTimeOffset UpdatedAt)
{
    /// <summary>The request is about a tabletop drill incident (DRL-): its page shows the drill banner.</summary>
    public bool Drill => Incidents.Filing.IncidentReferences.IsDrillReference(IncidentReference);
}

public sealed record GetDecision(Guid DecisionId, Caller Caller) : IRequest<DecisionDetail>;

public sealed class DecisionViews(UserDirectory users, PlaybookLibrary playbooks)
{
    /// <summary>"000_x.txt:1422-1430; 003_y.txt:689-697" as the seed catalog names them (a malformed part is left out).</summary>
    internal static IReadOnlyList<SourceView> Citations(SourceCatalog catalog, string source) =>
        source.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split(':') is [var file, var lines] && lines.Split('-') is [var from, var to]
                            && int.TryParse(from, out var a) && int.TryParse(to, out var b)
                ? catalog.View(new SourceRef(file, a, b, Derived: false))
                : null)
            .OfType<SourceView>().ToList();

    public async Task<DecisionDetail> DetailAsync(DecisionRequest s, long version, Caller caller, CancellationToken ct)
    {
        var r = s.Request;
        var names = await users.NamesAsync(
            [r.Actor, .. r.Approvers.Select(a => a.AccountId), .. r.Approvers.Select(a => a.DeputyId).OfType<Guid>(),
             .. s.Votes.Select(v => v.Actor), .. s.Info.Select(i => i.AskedBy), .. s.Info.Select(i => i.AnsweredBy).OfType<Guid>(),
             .. s.Earlier.Select(o => o.DecidedBy), .. s.Outcome is { } o ? [o.DecidedBy] : Array.Empty<Guid>()], ct);
        string? Name(Guid? id) => id is { } x ? x == SystemActor.Id ? SystemActor.Name : names.GetValueOrDefault(x) : null;
        DecisionVoteView Vote(ApproverDecided v) => new(v.OnBehalfOf, Name(v.OnBehalfOf), v.Actor, Name(v.Actor), v.OptionId, v.Conditions,
            v.Rationale, v.Emergency, v.GuidanceAcknowledged, v.FactsAtDecision, v.At);
        DecisionOutcomeView Outcome(DecisionOutcome o) => new(o.OptionId, s.Option(o.OptionId)?.Label ?? o.OptionId, o.Conditions, o.Rationale,
            o.DecidedBy, Name(o.DecidedBy), o.DecidedAt, o.ByTimer, o.SupersedeReason);
        var current = s.CurrentVotes;
        var kind = DecisionKinds.Of(r.Kind);
        return new DecisionDetail(
            s.Id, version, r.IncidentId, r.Snapshot.Reference, r.Kind, r.StepId, s.Status, s.Reach, r.Question, r.Options,
            r.RecommendedOptionId, r.Recommendation, r.Context, r.Unknowns, r.Snapshot, s.NeededBy, r.At, r.Actor, Name(r.Actor),
            r.Quorum, r.OnExpiry, r.DefaultOptionId,
            r.Approvers.Select(a => new DecisionApproverView(a.AccountId, Name(a.AccountId), a.DeputyId, Name(a.DeputyId),
                current.TryGetValue(a.AccountId, out var v) ? Vote(v) : null)).ToList(),
            s.Votes.Select(Vote).ToList(), s.Disagreement,
            s.Info.Select(i => new DecisionInfoView(i.QuestionId, i.Question, i.AskedBy, Name(i.AskedBy), i.AskedAt, i.Answer, i.AnsweredBy,
                Name(i.AnsweredBy), i.AnsweredAt)).ToList(),
            s.Outcome is { } outcome ? Outcome(outcome) : null, s.Earlier.Select(Outcome).ToList(),
            s.Withdrawal?.Reason, s.Withdrawal?.At, s.Lapse?.Result, s.Lapse?.At,
            new DecisionGuidanceView(kind.Guidance, kind.GuidanceMustBeAcknowledged, kind.Source, Citations(playbooks.Sources, kind.Source)),
            s.IsOpen && s.DecidesFor(caller) is not null, s.UpdatedAt);
    }
}

/// <summary>Staff read a request (reporters never: the route refuses them); its ETag is the version to decide on.</summary>
internal sealed class GetDecisionHandler(IQuerySession store, DecisionViews views) : IRequestHandler<GetDecision, DecisionDetail>
{
    public async Task<DecisionDetail> Handle(GetDecision q, CancellationToken ct)
    {
        if (!q.Caller.SeesAllIncidents) throw new NotFoundError($"decision request {q.DecisionId}");
        var events = await store.Events.FetchStreamAsync(q.DecisionId, token: ct);
        if (events.Count == 0 || events[0].Data is not DecisionRequested) throw new NotFoundError($"decision request {q.DecisionId}");
        var state = events.Aggregate((DecisionRequest?)null, (s, e) => DecisionRequest.Evolve(s, e.Data))!;
        return await views.DetailAsync(state, events[^1].Version, q.Caller, ct);
    }
}
