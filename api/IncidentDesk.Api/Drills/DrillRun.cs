using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Drills;

public sealed record InjectTimer(Guid TimerId, DateTimeOffset DueAt);

public sealed record DeliveredInject(string InjectId, DateTimeOffset At, int ScenarioMinute, bool Manual, Guid[] NotificationIds);

public sealed record FailedInject(string InjectId, string Reason, Guid? NotificationId, DateTimeOffset At);

public sealed record Prediction(Guid Id, Guid ParticipantId, string Text, DateTimeOffset At, bool? Matched);

public sealed record KytRecord(string[] KeyPoints, string[] Countermeasures, string TeamGoal, Guid By, DateTimeOffset At);

public sealed record Judgement(string ActionId, string InjectId, ActionResult Result, bool Automatic, string? Note, int? MinutesAfterInject, Guid By, DateTimeOffset At);

public sealed record Observation(Guid Id, ObservationKind Kind, string Text, string? InjectId, string? ActionId, Guid By, DateTimeOffset At);

/// <summary>A pause of the clock: from, and until (null while it lasts).</summary>
public sealed record DrillPause(DateTimeOffset From, DateTimeOffset? Until, bool Stop);

/// <summary>
/// A drill run, folded from its stream; only <see cref="Evolve"/> changes it. The run pins its scenario by id, version and
/// content hash (<see cref="Scheduled"/>).
/// </summary>
public sealed record DrillRun(
    DrillScheduled Scheduled, DrillStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, Guid? IncidentId, Guid? ContactCheckId,
    ImmutableList<DrillPause> Pauses, ImmutableDictionary<string, InjectTimer> Timers, ImmutableList<DeliveredInject> Delivered,
    ImmutableList<FailedInject> Failed, ImmutableList<Prediction> Predictions, DateTimeOffset? RevealedAt, KytRecord? Kyt,
    ImmutableDictionary<string, Judgement> Judgements, ImmutableList<Observation> Observations, DateTimeOffset UpdatedAt)
{
    public Guid Id => Scheduled.RunId;

    public int TimeScale => Scheduled.TimeScale;

    public bool Started => StartedAt is not null;

    /// <summary>Started and not yet ended (running, paused or stopped).</summary>
    public bool InProgress => Status is DrillStatus.Running or DrillStatus.Paused or DrillStatus.Stopped;

    public DrillParticipant? Participant(Guid userId) => Scheduled.Participants.FirstOrDefault(p => p.UserId == userId);

    public bool IsDelivered(string injectId) => Delivered.Any(d => d.InjectId == injectId);

    public DeliveredInject? DeliveryOf(string injectId) => Delivered.FirstOrDefault(d => d.InjectId == injectId);

    /// <summary>
    /// Real time the drill has run by <paramref name="now"/>: from the start to the end (or now), less the pauses
    /// (a pause that lasts counts up to now).
    /// </summary>
    public TimeSpan ActiveElapsed(DateTimeOffset now)
    {
        if (StartedAt is not { } start) return TimeSpan.Zero;
        var until = EndedAt ?? now;
        var paused = Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + ((p.Until ?? until) < p.From ? TimeSpan.Zero : (p.Until ?? until) - p.From));
        var active = until - start - paused;
        return active < TimeSpan.Zero ? TimeSpan.Zero : active;
    }

    /// <summary>Scenario time elapsed: real active time × the time scale.</summary>
    public TimeSpan ScenarioElapsed(DateTimeOffset now) => ActiveElapsed(now) * TimeScale;

    public static DrillRun Evolve(DrillRun? state, object @event) => (state, @event) switch
    {
        (null, DrillScheduled e) => new DrillRun(e, DrillStatus.Scheduled, null, null, null, null, [],
            ImmutableDictionary<string, InjectTimer>.Empty, [], [], [], null, null, ImmutableDictionary<string, Judgement>.Empty, [], e.At),
        (null, _) => throw new InvalidOperationException("a drill run's stream must start with drill_scheduled"),
        ({ } s, DrillStarted e) => s with { Status = DrillStatus.Running, StartedAt = e.At, IncidentId = e.IncidentId, ContactCheckId = e.ContactCheckId, UpdatedAt = e.At },
        ({ } s, DrillInjectScheduled e) => s with { Timers = s.Timers.SetItem(e.InjectId, new InjectTimer(e.TimerId, e.DueAt)), UpdatedAt = e.At },
        ({ } s, DrillPaused e) => s with { Status = DrillStatus.Paused, Pauses = s.Pauses.Add(new DrillPause(e.At, null, false)), UpdatedAt = e.At },
        // STOPEX from running opens a pause; from paused it turns the pause into a stop.
        ({ } s, DrillStopped e) => s with
        {
            Status = DrillStatus.Stopped,
            Pauses = s.Status == DrillStatus.Running ? s.Pauses.Add(new DrillPause(e.At, null, true)) : s.ClosePause(null, stop: true),
            UpdatedAt = e.At,
        },
        ({ } s, DrillResumed e) => s with { Status = DrillStatus.Running, Pauses = s.ClosePause(e.At, stop: null), UpdatedAt = e.At },
        ({ } s, DrillEnded e) => s with { Status = DrillStatus.Ended, EndedAt = e.At, Pauses = s.ClosePause(e.At, stop: null), UpdatedAt = e.At },
        ({ } s, DrillCancelled e) => s with { Status = DrillStatus.Cancelled, UpdatedAt = e.At },
        ({ } s, DrillInjectDelivered e) => s with
        {
            Delivered = s.Delivered.Add(new DeliveredInject(e.InjectId, e.At, e.ScenarioMinute, e.Manual, e.NotificationIds)), UpdatedAt = e.At,
        },
        ({ } s, DrillInjectFailed e) => s with { Failed = s.Failed.Add(new FailedInject(e.InjectId, e.Reason, e.NotificationId, e.At)), UpdatedAt = e.At },
        ({ } s, DrillPredictionRecorded e) => s with { Predictions = s.Predictions.Add(new Prediction(e.PredictionId, e.Actor, e.Text, e.At, null)), UpdatedAt = e.At },
        ({ } s, DrillRevealed e) => s with { RevealedAt = e.At, UpdatedAt = e.At },
        ({ } s, DrillPredictionMatched e) => s with
        {
            Predictions = s.Predictions.Select(p => p.Id == e.PredictionId ? p with { Matched = e.Matched } : p).ToImmutableList(), UpdatedAt = e.At,
        },
        ({ } s, DrillKytRecorded e) => s with { Kyt = new KytRecord(e.KeyPoints, e.Countermeasures, e.TeamGoal, e.Actor, e.At), UpdatedAt = e.At },
        ({ } s, DrillActionJudged e) => s with
        {
            Judgements = s.Judgements.SetItem(e.ActionId, new Judgement(e.ActionId, e.InjectId, e.Result, e.Automatic, e.Note, e.MinutesAfterInject, e.Actor, e.At)),
            UpdatedAt = e.At,
        },
        ({ } s, DrillObservationRecorded e) => s with
        {
            Observations = s.Observations.Add(new Observation(e.ObservationId, e.Kind, e.Text, e.InjectId, e.ActionId, e.Actor, e.At)), UpdatedAt = e.At,
        },
        _ => throw new InvalidOperationException($"a drill run cannot fold {@event.GetType().Name}"),
    };

    private ImmutableList<DrillPause> ClosePause(DateTimeOffset? until, bool? stop)
    {
        var i = Pauses.FindLastIndex(p => p.Until is null);
        if (i < 0) return Pauses;
        var p = Pauses[i];
        return Pauses.SetItem(i, p with { Until = until ?? p.Until, Stop = stop ?? p.Stop });
    }
}

/// <summary>
/// A run's notice stream: the messages it sends (invitations, mail injects, STOPEX) and their delivery, kept apart from
/// the run's own stream so that no delivery moves the version the facilitator acts on (as a decision's notices are).
/// </summary>
public sealed record DrillNotices(int Messages)
{
    public const string StreamType = "drill_notices";

    /// <summary>Derived from the run's id (name-based, like a UUIDv5).</summary>
    public static Guid StreamIdFor(Guid runId) => Derived("incidentdesk/drill-notices/", runId);

    /// <summary>The drill incident a run files: derived, so a retried start files it once (the filer is idempotent by id).</summary>
    public static Guid IncidentIdFor(Guid runId) => Derived("incidentdesk/drill-incident/", runId);

    /// <summary>The contact-chain check a run starts: derived, as the incident's.</summary>
    public static Guid ContactCheckIdFor(Guid runId) => Derived("incidentdesk/drill-contact-check/", runId);

    internal static Guid Derived(string prefix, Guid id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prefix + id.ToString("N")));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>Any message event lands here: queued, sent, failed, or recorded as "would have been sent".</summary>
    public static DrillNotices Evolve(DrillNotices? state, object @event) => @event switch
    {
        NotificationQueued => new DrillNotices((state?.Messages ?? 0) + 1),
        INotificationEvent => state ?? new DrillNotices(0),
        _ => throw new InvalidOperationException($"a drill's notices cannot fold {@event.GetType().Name}"),
    };
}
