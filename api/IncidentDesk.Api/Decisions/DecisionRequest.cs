using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Decisions;

public sealed record InfoExchange(Guid QuestionId, string Question, Guid AskedBy, DateTimeOffset AskedAt, string? Answer, Guid? AnsweredBy, DateTimeOffset? AnsweredAt);

/// <summary>An outcome: decided by an Executive (or the quorum), or applied by the timer. Superseded ones keep their reason.</summary>
public sealed record DecisionOutcome(
    string OptionId, string? Conditions, string Rationale, Guid DecidedBy, DateTimeOffset DecidedAt, bool ByTimer,
    string? SupersedeReason = null);

/// <summary>
/// A decision request, folded from its own stream. Only <see cref="Evolve"/> changes it. The request as asked stays
/// in <see cref="Request"/> exactly as the approvers were shown it.
/// </summary>
public sealed record DecisionRequest(
    DecisionRequested Request, DecisionStatus Status, DecisionReach Reach, DateTimeOffset NeededBy, int Round, bool Reasked,
    ImmutableList<InfoExchange> Info, ImmutableList<ApproverDecided> Votes, DecisionOutcome? Outcome,
    ImmutableList<DecisionOutcome> Earlier, DecisionWithdrawn? Withdrawal, DecisionLapsed? Lapse, DateTimeOffset UpdatedAt)
{
    public Guid Id => Request.DecisionId;

    public Guid IncidentId => Request.IncidentId;

    public bool IsOpen => Status is DecisionStatus.Requested or DecisionStatus.InfoAsked;

    public DecisionOption? Option(string id) => Request.Options.FirstOrDefault(o => o.Id == id);

    /// <summary>Each approver's latest decision (a later one replaces theirs; every one stays in <see cref="Votes"/>).</summary>
    public IReadOnlyDictionary<Guid, ApproverDecided> CurrentVotes =>
        Votes.GroupBy(v => v.OnBehalfOf).ToDictionary(g => g.Key, g => g.Last());

    /// <summary>Approvers chose different options: shown as such, never averaged away.</summary>
    public bool Disagreement => CurrentVotes.Values.Select(v => v.OptionId).Distinct().Count() > 1;

    /// <summary>
    /// For whom <paramref name="caller"/> decides, or null when they may not: an approver for themselves; a deputy for
    /// their approver once the request reached the deputies; any Executive once it reached every Executive.
    /// </summary>
    public Guid? DecidesFor(Caller caller)
    {
        if (!caller.Is(Roles.Executive)) return null;
        if (Request.Approvers.FirstOrDefault(a => a.AccountId == caller.Id) is { } self) return self.AccountId;
        if (Reach >= DecisionReach.Deputies && Request.Approvers.FirstOrDefault(a => a.DeputyId == caller.Id) is { } principal)
            return principal.AccountId;
        return Reach == DecisionReach.AllExecutives ? caller.Id : null;
    }

    /// <summary>Everyone who may decide now, as account ids (without "every Executive": the caller resolves that).</summary>
    public IReadOnlyList<Guid> NamedDeciders =>
        [.. Request.Approvers.Select(a => a.AccountId),
         .. Reach >= DecisionReach.Deputies ? Request.Approvers.Select(a => a.DeputyId).OfType<Guid>() : []];

    public static DecisionRequest Evolve(DecisionRequest? state, object @event) => (state, @event) switch
    {
        (null, DecisionRequested e) => new DecisionRequest(e, DecisionStatus.Requested, DecisionReach.Approvers, e.NeededBy, 0, false,
            [], [], null, [], null, null, e.At),
        (null, _) => throw new InvalidOperationException("a decision stream must start with decision_requested"),
        ({ } s, DecisionInfoAsked e) => s with
        {
            Status = s.IsOpen ? DecisionStatus.InfoAsked : s.Status,
            Info = s.Info.Add(new InfoExchange(e.QuestionId, e.Question, e.Actor, e.At, null, null, null)), UpdatedAt = e.At,
        },
        ({ } s, DecisionInfoAnswered e) => s.Answered(e),
        ({ } s, ApproverDecided e) => s with { Votes = s.Votes.Add(e), UpdatedAt = e.At },
        ({ } s, DecisionReached e) => s with
        {
            Status = DecisionStatus.Decided, Outcome = new DecisionOutcome(e.OptionId, e.Conditions, e.Rationale, e.Actor, e.At, false),
            UpdatedAt = e.At,
        },
        ({ } s, DecisionWithdrawn e) => s with { Status = DecisionStatus.Withdrawn, Withdrawal = e, UpdatedAt = e.At },
        ({ } s, DecisionEscalated e) => s with { Reach = e.Reach, NeededBy = e.NeededBy, Round = s.Round + 1, UpdatedAt = e.At },
        ({ } s, DecisionReasked e) => s with { NeededBy = e.NeededBy, Round = s.Round + 1, Reasked = true, UpdatedAt = e.At },
        ({ } s, DecisionLapsed e) => s with
        {
            Status = DecisionStatus.Lapsed, Lapse = e, UpdatedAt = e.At,
            Outcome = e.OptionId is { } option
                ? new DecisionOutcome(option, null, "applied by the timer: the deadline passed undecided", SystemActor.Id, e.At, true)
                : null,
        },
        ({ } s, DecisionSuperseded e) => s with
        {
            Status = DecisionStatus.Decided,
            Earlier = s.Outcome is { } previous ? s.Earlier.Add(previous with { SupersedeReason = e.Reason }) : s.Earlier,
            Outcome = new DecisionOutcome(e.OptionId, e.Conditions, e.Rationale, e.Actor, e.At, false),
            UpdatedAt = e.At,
        },
        _ => throw new InvalidOperationException($"a decision cannot fold {@event.GetType().Name}"),
    };

    private DecisionRequest Answered(DecisionInfoAnswered e)
    {
        var i = Info.FindIndex(x => x.QuestionId == e.QuestionId);
        var info = i < 0 ? Info : Info.SetItem(i, Info[i] with { Answer = e.Answer, AnsweredBy = e.Actor, AnsweredAt = e.At });
        // Back to "requested" once every question is answered.
        var status = Status == DecisionStatus.InfoAsked && info.All(x => x.Answer is not null) ? DecisionStatus.Requested : Status;
        return this with { Info = info, Status = status, UpdatedAt = e.At };
    }
}

public sealed record DecisionTimerFacts(Guid Id, DecisionTimerKind Kind, int Round, int Percent, DateTimeOffset DueAt, bool Fired);

/// <summary>
/// A request's notice stream: its timers and reminders, and the messages sent about it with their delivery. Kept
/// apart from the request's stream so that neither moves the version an Executive decides on (no 412 because a
/// reminder fired or a mail went out), while the appends that set timers commit with the events that caused them.
/// </summary>
public sealed record DecisionNotices(Guid DecisionId, ImmutableDictionary<Guid, DecisionTimerFacts> Timers, int Messages)
{
    public const string StreamType = "decision_notices";

    public static DecisionNotices Empty(Guid decisionId) => new(decisionId, ImmutableDictionary<Guid, DecisionTimerFacts>.Empty, 0);

    /// <summary>Derived from the request's id (name-based, like a UUIDv5), as the escalation stream's is from the incident's.</summary>
    public static Guid StreamIdFor(Guid decisionId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("incidentdesk/decision-notices/" + decisionId.ToString("N")));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static DecisionNotices Evolve(DecisionNotices? state, object @event)
    {
        var s = state ?? Empty(@event switch
        {
            IDecisionEvent d => d.DecisionId,
            // Messages carry the incident id only; the stream's id is what names the request, and the state does not need it.
            INotificationEvent => Guid.Empty,
            _ => throw new InvalidOperationException($"a decision's notices cannot start with {@event.GetType().Name}"),
        });
        return @event switch
        {
            DecisionDeadlineSet e => s with
            {
                DecisionId = e.DecisionId,
                Timers = s.Timers.SetItem(e.TimerId, new DecisionTimerFacts(e.TimerId, e.Kind, e.Round, e.Percent, e.DueAt, false)),
            },
            DecisionReminderSent e => s.Timers.TryGetValue(e.TimerId, out var t) ? s with { Timers = s.Timers.SetItem(e.TimerId, t with { Fired = true }) } : s,
            NotificationQueued => s with { Messages = s.Messages + 1 },
            NotificationSent or NotificationFailed or NotificationSimulated => s,
            _ => throw new InvalidOperationException($"a decision's notices cannot fold {@event.GetType().Name}"),
        };
    }
}
