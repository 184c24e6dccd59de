using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Timers;

namespace IncidentDesk.Api.Decisions;

/// <summary>The kinds of decision only executives take (seeds 000:1416-1430, 000:223-237, 002:617-627).</summary>
public enum DecisionKind { BusinessStoppage, RansomPayment, Disclosure, ResponsePolicy, PostponeUpdate, Other }

/// <summary>Any one approver decides, or all of them must agree.</summary>
public enum Quorum { Any, All }

/// <summary>
/// What happens when the deadline passes undecided: escalate (to the deputies, then to every Executive), ask again
/// once with a new deadline, record that no decision was taken (the owner is alerted), or apply the default option,
/// which must be one the kind marks safe (never "pay", never "disclose").
/// </summary>
public enum OnExpiry { Escalate, ReAsk, RecordNoDecision, ApplySafeOption }

public enum DecisionStatus { Requested, InfoAsked, Decided, Lapsed, Withdrawn }

/// <summary>Who may decide now: the approvers, also their deputies (escalated once), or any Executive (escalated twice).</summary>
public enum DecisionReach { Approvers, Deputies, AllExecutives }

public enum DecisionTimerKind { Reminder, Expiry }

/// <summary>How a request lapsed: nothing decided (the owner is alerted), or the safe default applied.</summary>
public enum LapseResult { NoDecision, DefaultApplied }

/// <summary>An option as the approvers are shown it. <see cref="Safe"/> comes from the kind, never from the requester.</summary>
public sealed record DecisionOption(string Id, string Label, string Consequence, bool Safe);

/// <summary>A named Executive who must decide, and the Executive who stands in once the request is escalated.</summary>
public sealed record Approver(Guid AccountId, Guid? DeputyId);

/// <summary>
/// The incident as the approvers were shown it (at the request) or as it stood (at a decision): the record proves
/// what they knew. <see cref="UnknownFacts"/> names what is not known yet (5W1H answers marked unknown or missing,
/// an unrated severity, no recorded scope).
/// </summary>
public sealed record IncidentSnapshot(
    string Reference, string Summary, Category Category, Severity? Severity, Stage Stage, FiveW1H? FiveW1H, string? Scope,
    string[] ContainmentDone, string[] UnknownFacts, Guid? OwnerId, long IncidentVersion);

/// <summary>Events of a decision request's own stream. Each names the incident it belongs to.</summary>
public interface IDecisionEvent : IDomainEvent
{
    Guid DecisionId { get; }

    Guid IncidentId { get; }
}

/// <summary>A responder or admin asks the executives. Everything the approvers are shown is in here, as shown.</summary>
public sealed record DecisionRequested(
    Guid DecisionId, Guid IncidentId, DecisionKind Kind, string? StepId, string Question, DecisionOption[] Options,
    string? RecommendedOptionId, string? Recommendation, string Context, string[] Unknowns, IncidentSnapshot Snapshot,
    DateTimeOffset NeededBy, Approver[] Approvers, Quorum Quorum, OnExpiry OnExpiry, string? DefaultOptionId,
    Guid Actor, DateTimeOffset At) : IDecisionEvent;

/// <summary>An approver asks the requester for more information before deciding.</summary>
public sealed record DecisionInfoAsked(
    Guid DecisionId, Guid IncidentId, Guid QuestionId, string Question, Guid Actor, DateTimeOffset At) : IDecisionEvent;

public sealed record DecisionInfoAnswered(
    Guid DecisionId, Guid IncidentId, Guid QuestionId, string Answer, Guid Actor, DateTimeOffset At) : IDecisionEvent;

/// <summary>
/// One Executive's decision, for the approver <see cref="OnBehalfOf"/> (themselves, or the approver they deputise
/// for). With quorum "all" every approver's is kept; a later one by the same approver replaces theirs, both on
/// record. <see cref="FactsAtDecision"/> is the incident as it stood at that moment.
/// </summary>
public sealed record ApproverDecided(
    Guid DecisionId, Guid IncidentId, Guid OnBehalfOf, string OptionId, string? Conditions, string Rationale,
    string? Emergency, bool GuidanceAcknowledged, IncidentSnapshot FactsAtDecision, Guid Actor, DateTimeOffset At) : IDecisionEvent;

/// <summary>The request is decided: the quorum agreed on <see cref="OptionId"/> (the deciding approver's words).</summary>
public sealed record DecisionReached(
    Guid DecisionId, Guid IncidentId, string OptionId, string? Conditions, string Rationale, Guid Actor, DateTimeOffset At) : IDecisionEvent;

public sealed record DecisionWithdrawn(Guid DecisionId, Guid IncidentId, string Reason, Guid Actor, DateTimeOffset At) : IDecisionEvent;

/// <summary>The deadline passed undecided: the request now reaches further, with a new deadline (by the timer).</summary>
public sealed record DecisionEscalated(
    Guid DecisionId, Guid IncidentId, Guid TimerId, DecisionReach Reach, DateTimeOffset NeededBy, Guid Actor, DateTimeOffset At) : IDecisionEvent;

/// <summary>The deadline passed undecided: the approvers are asked again, once, with a new deadline (by the timer).</summary>
public sealed record DecisionReasked(
    Guid DecisionId, Guid IncidentId, Guid TimerId, DateTimeOffset NeededBy, Guid Actor, DateTimeOffset At) : IDecisionEvent;

/// <summary>The last deadline passed undecided (by the timer): no decision, or the safe default applied.</summary>
public sealed record DecisionLapsed(
    Guid DecisionId, Guid IncidentId, Guid TimerId, LapseResult Result, string? OptionId, Guid Actor, DateTimeOffset At) : IDecisionEvent;

/// <summary>An Executive replaces the outcome with a new decision, saying why; the earlier one stays on record.</summary>
public sealed record DecisionSuperseded(
    Guid DecisionId, Guid IncidentId, string OptionId, string? Conditions, string Rationale, string Reason, string? Emergency,
    bool GuidanceAcknowledged, IncidentSnapshot FactsAtDecision, Guid Actor, DateTimeOffset At) : IDecisionEvent;

/// <summary>
/// Events of a request's notice stream (next to its own, as the escalation stream is next to an incident's): timers
/// and reminders, so that neither a reminder nor a mail delivery moves the version an Executive decides on.
/// </summary>
public interface IDecisionNoticeEvent : IDecisionEvent;

/// <summary>A reminder (at about half and 80 % of the time) or the deadline of round <see cref="Round"/>.</summary>
public sealed record DecisionDeadlineSet(
    Guid DecisionId, Guid IncidentId, Guid TimerId, DecisionTimerKind Kind, int Round, int Percent, DateTimeOffset DueAt,
    Guid Actor, DateTimeOffset At) : IDecisionNoticeEvent, ISetsTimer
{
    /// <summary>The timer belongs to the request (its firing decides on the request and appends to both of its streams).</summary>
    public TimerDue Timer() => new(DecisionDeadlineTimer.Purpose, TimerId, DecisionId, IncidentId, DueAt);
}

public sealed record DecisionReminderSent(
    Guid DecisionId, Guid IncidentId, Guid TimerId, int Percent, Guid Actor, DateTimeOffset At) : IDecisionNoticeEvent;

public static class DecisionEventTypes
{
    public const string StreamType = "decision";

    public static EventTypeMap RegisterDecisionEvents(this EventTypeMap map) => map
        .Register<DecisionRequested>("decision_requested")
        .Register<DecisionInfoAsked>("decision_info_asked")
        .Register<DecisionInfoAnswered>("decision_info_answered")
        .Register<ApproverDecided>("approver_decided")
        .Register<DecisionReached>("decision_reached")
        .Register<DecisionWithdrawn>("decision_withdrawn")
        .Register<DecisionEscalated>("decision_escalated")
        .Register<DecisionReasked>("decision_reasked")
        .Register<DecisionLapsed>("decision_lapsed")
        .Register<DecisionSuperseded>("decision_superseded")
        .Register<DecisionDeadlineSet>("decision_deadline_set")
        .Register<DecisionReminderSent>("decision_reminder_sent");
}
