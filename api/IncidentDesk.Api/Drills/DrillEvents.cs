using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Timers;

namespace IncidentDesk.Api.Drills;

/// <summary>
/// A drill run's life: scheduled, then running (paused and resumed by the facilitator, stopped by STOPEX), then ended;
/// a run that never started is cancelled. Only a running run delivers injects.
/// </summary>
public enum DrillStatus { Scheduled, Running, Paused, Stopped, Ended, Cancelled }

/// <summary>HSEEP roles (regulatory-and-drills.md 2.2): players respond, evaluators observe and score, observers watch.</summary>
public enum ParticipantRole { Player, Evaluator, Observer }

/// <summary>Met or missed, as the facilitator or an evaluator judged it, or as the drill incident's events showed.</summary>
public enum ActionResult { Met, Missed }

/// <summary>HSEEP's observation tags: a strength, or an area for improvement.</summary>
public enum ObservationKind { Strength, AreaForImprovement }

/// <summary>Someone taking part in a run, with the team they play (never "all").</summary>
public sealed record DrillParticipant(Guid UserId, ParticipantRole Role, DrillTeam Team);

/// <summary>Events of a drill run's own stream (the stream id is the run's id).</summary>
public interface IDrillEvent : IDomainEvent
{
    Guid RunId { get; }
}

/// <summary>
/// A facilitator schedules a drill from a scenario, pinned by id, version and content hash (editing the file never
/// changes a scheduled or finished drill). <see cref="TimeScale"/>: one drill minute stands for that many scenario
/// minutes. <see cref="ChainId"/>: the contact chain the run's check tries (the chosen one, or the category's).
/// </summary>
public sealed record DrillScheduled(
    Guid RunId, string ScenarioId, int ScenarioVersion, string ContentHash, DrillFormat Format, Category Category, string TitleJa,
    string TitleEn, Guid FacilitatorId, DrillParticipant[] Participants, DateTimeOffset PlannedStart, int TimeScale, bool Announced,
    Guid? ChainId, bool WebhooksEnabled, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>
/// The drill began (the clock starts at <see cref="IDomainEvent.At"/>). <see cref="IncidentId"/> is the drill incident the
/// run files (tabletop and KYT formats); <see cref="ContactCheckId"/> the contact-chain check it starts (contact-chain and
/// tabletop formats). Both ids are derived from the run's, so a retried start files and starts nothing twice.
/// </summary>
public sealed record DrillStarted(Guid RunId, Guid? IncidentId, Guid? ContactCheckId, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>
/// An inject's timer: due at start + offset ÷ time scale, shifted by the pauses before it. A resume sets a new timer for
/// each inject not yet delivered; a timer that is not the inject's latest, or that fires while the run is not running,
/// changes nothing.
/// </summary>
public sealed record DrillInjectScheduled(Guid RunId, string InjectId, Guid TimerId, DateTimeOffset DueAt, Guid Actor, DateTimeOffset At)
    : IDrillEvent, ISetsTimer
{
    public TimerDue Timer() => new(DrillInjectTimer.Purpose, TimerId, RunId, RunId, DueAt);
}

public sealed record DrillPaused(Guid RunId, Guid Actor, DateTimeOffset At) : IDrillEvent;

public sealed record DrillResumed(Guid RunId, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>The facilitator's STOPEX: every inject and timer of the run halts and every participant is told; resume continues.</summary>
public sealed record DrillStopped(Guid RunId, string? Reason, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>ENDEX: the drill is over; judging, observations and the KYT record may still be completed.</summary>
public sealed record DrillEnded(Guid RunId, Guid Actor, DateTimeOffset At) : IDrillEvent;

public sealed record DrillCancelled(Guid RunId, string? Reason, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>
/// An inject reached the players: on the screen, or as mail (<see cref="NotificationIds"/>: the messages queued to the
/// audience and the "would have been sent" ones to outside parties). <see cref="TimerId"/> is null when the facilitator
/// released it by hand. <see cref="ScenarioMinute"/> is the scenario time at delivery.
/// </summary>
public sealed record DrillInjectDelivered(
    Guid RunId, string InjectId, Guid? TimerId, bool Manual, int ScenarioMinute, Guid[] NotificationIds, Guid Actor, DateTimeOffset At)
    : IDrillEvent;

/// <summary>An inject could not be delivered (nobody in its audience, a mail refused): shown at once, never silent.</summary>
public sealed record DrillInjectFailed(Guid RunId, string InjectId, string Reason, Guid? NotificationId, Guid Actor, DateTimeOffset At)
    : IDrillEvent;

/// <summary>KYT round 1 (R32): a participant's predicted risk, before the reveal.</summary>
public sealed record DrillPredictionRecorded(Guid RunId, Guid PredictionId, string Text, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>The reveal (【発生した事故】 and its root causes) is shown to the participants.</summary>
public sealed record DrillRevealed(Guid RunId, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>KYT round 2: whether a prediction matched what happened (a later marking replaces an earlier one).</summary>
public sealed record DrillPredictionMatched(Guid RunId, Guid PredictionId, bool Matched, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>KYT rounds 2-4 as the team agreed them: key points, countermeasures, the team's goal (a later record replaces it).</summary>
public sealed record DrillKytRecorded(
    Guid RunId, string[] KeyPoints, string[] Countermeasures, string TeamGoal, Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>
/// An expected action judged met or missed: by the facilitator or an evaluator, or <see cref="Automatic"/>ally when the
/// drill incident showed its signal (<see cref="Actor"/> is then the system). <see cref="MinutesAfterInject"/> is the
/// scenario time from the inject's delivery to the judged moment. A later judgement replaces an earlier one.
/// </summary>
public sealed record DrillActionJudged(
    Guid RunId, string ActionId, string InjectId, ActionResult Result, bool Automatic, string? Note, int? MinutesAfterInject,
    Guid Actor, DateTimeOffset At) : IDrillEvent;

/// <summary>An evaluator's or the facilitator's observation, tagged strength or area for improvement (HSEEP).</summary>
public sealed record DrillObservationRecorded(
    Guid RunId, Guid ObservationId, ObservationKind Kind, string Text, string? InjectId, string? ActionId, Guid Actor, DateTimeOffset At)
    : IDrillEvent;

public static class DrillEventTypes
{
    public const string StreamType = "drill";

    public static EventTypeMap RegisterDrillEvents(this EventTypeMap map) => map
        .Register<DrillScheduled>("drill_scheduled")
        .Register<DrillStarted>("drill_started")
        .Register<DrillInjectScheduled>("drill_inject_scheduled")
        .Register<DrillPaused>("drill_paused")
        .Register<DrillResumed>("drill_resumed")
        .Register<DrillStopped>("drill_stopped")
        .Register<DrillEnded>("drill_ended")
        .Register<DrillCancelled>("drill_cancelled")
        .Register<DrillInjectDelivered>("drill_inject_delivered")
        .Register<DrillInjectFailed>("drill_inject_failed")
        .Register<DrillPredictionRecorded>("drill_prediction_recorded")
        .Register<DrillRevealed>("drill_revealed")
        .Register<DrillPredictionMatched>("drill_prediction_matched")
        .Register<DrillKytRecorded>("drill_kyt_recorded")
        .Register<DrillActionJudged>("drill_action_judged")
        .Register<DrillObservationRecorded>("drill_observation_recorded");
}
