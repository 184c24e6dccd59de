using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Scenarios;

namespace IncidentDesk.Api.Drills;

/// <summary>
/// Who acts on a run: <see cref="Facilitates"/> for the run's facilitator (and any Admin, who may take over a drill whose
/// facilitator is away), and their place among the participants if they have one.
/// </summary>
public sealed record DrillActor(Guid Id, bool Facilitates, DrillParticipant? Participant)
{
    public bool Evaluates => Facilitates || Participant?.Role == ParticipantRole.Evaluator;

    public static DrillActor Of(DrillRun run, Caller caller) =>
        new(caller.Id, run.Scheduled.FacilitatorId == caller.Id || caller.Is(Roles.Admin), run.Participant(caller.Id));
}

/// <summary>A drill incident's event that can tick an expected action off: its signal, the argument it carries, when.</summary>
public sealed record SignalSeen(SignalKind Kind, string? Argument, DateTimeOffset At);

/// <summary>A run's validated schedule, as the request gave it.</summary>
public sealed record DrillPlan(
    Guid FacilitatorId, DrillParticipant[] Participants, DateTimeOffset PlannedStart, int TimeScale, bool Announced, Guid? ChainId,
    bool WebhooksEnabled);

/// <summary>
/// The drill run's rules, pure: given the run as it stands (and its pinned scenario), a command decides its events or
/// breaks a named rule (409). No clock, no ids, no I/O: time and ids come in.
/// </summary>
public static class DrillRules
{
    public const int MaxPredictionsPerParticipant = 3;
    public const int MinTimeScale = 1;
    public const int MaxTimeScale = 60;

    public static DrillScheduled Schedule(Guid runId, DrillScenario scenario, DrillPlan plan, Guid actor, DateTimeOffset now)
    {
        if (plan.Participants.Any(p => p.UserId == plan.FacilitatorId))
            throw new RuleViolated("facilitator_not_participant", "the facilitator runs the drill and cannot also be one of its participants");
        if (plan.Participants.Length == 0)
            throw new RuleViolated("participants_required", "a drill needs at least one participant");
        if (scenario.Format != DrillFormat.ContactChain && plan.Participants.All(p => p.Role != ParticipantRole.Player))
            throw new RuleViolated("player_required", $"a {EnumNames.Name(scenario.Format)} drill needs at least one player");
        return new DrillScheduled(runId, scenario.Id, scenario.Version, scenario.ContentHash, scenario.Format, scenario.Category,
            scenario.Title.Ja, scenario.Title.En, plan.FacilitatorId, plan.Participants, plan.PlannedStart, plan.TimeScale, plan.Announced,
            plan.ChainId, plan.WebhooksEnabled, actor, now);
    }

    /// <summary>Whether the run files a drill incident (tabletop and KYT formats) and starts a contact-chain check (contact-chain and tabletop).</summary>
    public static bool FilesIncident(DrillFormat format) => format is DrillFormat.Tabletop or DrillFormat.Kyt;

    public static bool ChecksChain(DrillFormat format) => format is DrillFormat.Tabletop or DrillFormat.ContactChain;

    /// <summary>Start: only a scheduled run; the clock starts now and every inject gets its timer at start + offset ÷ time scale.</summary>
    public static IReadOnlyList<IDrillEvent> Start(DrillRun run, DrillScenario scenario, DrillActor actor, Func<Guid> newId, DateTimeOffset now)
    {
        RequireFacilitator(actor, "start");
        if (run.Status != DrillStatus.Scheduled)
            throw new RuleViolated("start_only_when_scheduled", $"the drill can start only when it is scheduled; it is {EnumNames.Name(run.Status)}");
        var format = run.Scheduled.Format;
        var started = new DrillStarted(run.Id, FilesIncident(format) ? DrillNotices.IncidentIdFor(run.Id) : null,
            ChecksChain(format) ? DrillNotices.ContactCheckIdFor(run.Id) : null, actor.Id, now);
        var afterStart = DrillRun.Evolve(run, started);
        return [started, .. InjectTimers(afterStart, scenario, newId, now)];
    }

    /// <summary>
    /// A timer for every inject not yet delivered, due when the run's active (unpaused) time reaches its offset ÷ time
    /// scale: at start that is start + offset ÷ scale; after a resume, the resume + what was left of it at the pause.
    /// </summary>
    public static IEnumerable<DrillInjectScheduled> InjectTimers(DrillRun run, DrillScenario scenario, Func<Guid> newId, DateTimeOffset now)
    {
        var active = run.ActiveElapsed(now);
        foreach (var inject in scenario.Injects.OrderBy(i => i.OffsetMinutes).Where(i => !run.IsDelivered(i.Id)))
        {
            var left = TimeSpan.FromMinutes(inject.OffsetMinutes / (double)run.TimeScale) - active;
            yield return new DrillInjectScheduled(run.Id, inject.Id, newId(), now + (left < TimeSpan.Zero ? TimeSpan.Zero : left), SystemActor.Id, now);
        }
    }

    public static IReadOnlyList<IDrillEvent> Pause(DrillRun run, DrillActor actor, DateTimeOffset now)
    {
        RequireFacilitator(actor, "pause");
        if (run.Status != DrillStatus.Running)
            throw new RuleViolated("pause_only_when_running", $"only a running drill can be paused; it is {EnumNames.Name(run.Status)}");
        return [new DrillPaused(run.Id, actor.Id, now)];
    }

    /// <summary>Resume a paused or stopped run: the remaining injects get new timers, shifted by the pause.</summary>
    public static IReadOnlyList<IDrillEvent> Resume(DrillRun run, DrillScenario scenario, DrillActor actor, Func<Guid> newId, DateTimeOffset now)
    {
        RequireFacilitator(actor, "resume");
        if (run.Status is not (DrillStatus.Paused or DrillStatus.Stopped))
            throw new RuleViolated("resume_only_when_paused", $"only a paused or stopped drill can resume; it is {EnumNames.Name(run.Status)}");
        var resumed = new DrillResumed(run.Id, actor.Id, now);
        return [resumed, .. InjectTimers(DrillRun.Evolve(run, resumed), scenario, newId, now)];
    }

    /// <summary>STOPEX: a running or paused run halts (every participant is told); resume continues it.</summary>
    public static IReadOnlyList<IDrillEvent> Stop(DrillRun run, DrillActor actor, string? reason, DateTimeOffset now)
    {
        RequireFacilitator(actor, "stop");
        if (run.Status is not (DrillStatus.Running or DrillStatus.Paused))
            throw new RuleViolated("stop_only_when_running", $"only a running or paused drill can be stopped; it is {EnumNames.Name(run.Status)}");
        return [new DrillStopped(run.Id, reason, actor.Id, now)];
    }

    public static IReadOnlyList<IDrillEvent> End(DrillRun run, DrillActor actor, DateTimeOffset now)
    {
        RequireFacilitator(actor, "end");
        if (!run.InProgress)
            throw new RuleViolated("end_only_when_started", $"only a started drill can end; it is {EnumNames.Name(run.Status)}");
        return [new DrillEnded(run.Id, actor.Id, now)];
    }

    public static IReadOnlyList<IDrillEvent> Cancel(DrillRun run, DrillActor actor, string? reason, DateTimeOffset now)
    {
        RequireFacilitator(actor, "cancel");
        if (run.Status != DrillStatus.Scheduled)
            throw new RuleViolated("cancel_only_when_scheduled", $"only a scheduled drill can be cancelled; it is {EnumNames.Name(run.Status)}");
        return [new DrillCancelled(run.Id, reason, actor.Id, now)];
    }

    /// <summary>
    /// The inject a timer fires, or null: only the inject's latest timer, only while the run is running, and only once
    /// (a stale timer from before a pause, a second firing, one after a manual release: nothing).
    /// </summary>
    public static DrillInject? DueInject(DrillRun run, DrillScenario scenario, Guid timerId)
    {
        if (run.Status != DrillStatus.Running) return null;
        var entry = run.Timers.FirstOrDefault(t => t.Value.TimerId == timerId);
        if (entry.Key is null || run.IsDelivered(entry.Key)) return null;
        return scenario.Injects.FirstOrDefault(i => i.Id == entry.Key);
    }

    /// <summary>The facilitator releases the next inject (by offset) by hand, now.</summary>
    public static DrillInject NextInject(DrillRun run, DrillScenario scenario, DrillActor actor)
    {
        RequireFacilitator(actor, "release an inject");
        if (run.Status != DrillStatus.Running)
            throw new RuleViolated("injects_only_when_running", $"injects are released only while the drill runs; it is {EnumNames.Name(run.Status)}");
        return scenario.Injects.OrderBy(i => i.OffsetMinutes).FirstOrDefault(i => !run.IsDelivered(i.Id))
               ?? throw new RuleViolated("no_inject_left", "every inject of the scenario has been delivered");
    }

    /// <summary>The inject as delivered, with the messages queued for it; a mail inject nobody can receive fails visibly.</summary>
    public static IReadOnlyList<IDrillEvent> Deliver(
        DrillRun run, DrillInject inject, Guid? timerId, Guid actor, IReadOnlyList<Guid> notificationIds, int audienceReached, DateTimeOffset now)
    {
        var minute = (int)Math.Floor(run.ScenarioElapsed(now).TotalMinutes);
        var delivered = new DrillInjectDelivered(run.Id, inject.Id, timerId, timerId is null, minute, [.. notificationIds], actor, now);
        if (inject.Channel == InjectChannel.Mail && audienceReached == 0)
            return [delivered, new DrillInjectFailed(run.Id, inject.Id,
                $"no participant of the audience '{EnumNames.Name(inject.Audience)}' has an address to receive the mail inject", null, SystemActor.Id, now)];
        return [delivered];
    }

    /// <summary>The participants an inject (or an expected action) is for: everyone, or those of its team.</summary>
    public static IEnumerable<DrillParticipant> Audience(DrillRun run, DrillTeam team) =>
        run.Scheduled.Participants.Where(p => team == DrillTeam.All || p.Team == team);

    /// <summary>KYT 1R: participants predict, up to three each, while the drill runs and before the reveal.</summary>
    public static IReadOnlyList<IDrillEvent> Predict(DrillRun run, DrillActor actor, Guid predictionId, string text, DateTimeOffset now)
    {
        if (actor.Participant is null)
            throw new RuleViolated("only_participants_predict", "only the drill's participants enter predictions");
        if (!run.InProgress)
            throw new RuleViolated("predictions_only_during_run", $"predictions are entered while the drill runs; it is {EnumNames.Name(run.Status)}");
        if (run.RevealedAt is not null)
            throw new RuleViolated("predictions_before_reveal", "predictions (1R) are entered before the reveal");
        if (run.Predictions.Count(p => p.ParticipantId == actor.Id) >= MaxPredictionsPerParticipant)
            throw new RuleViolated("at_most_three_predictions", $"each participant enters at most {MaxPredictionsPerParticipant} predictions");
        return [new DrillPredictionRecorded(run.Id, predictionId, text, actor.Id, now)];
    }

    /// <summary>The facilitator shows the reveal once the drill has started; revealing again changes nothing.</summary>
    public static IReadOnlyList<IDrillEvent> Reveal(DrillRun run, DrillActor actor, DateTimeOffset now)
    {
        RequireFacilitator(actor, "reveal");
        if (!run.Started || run.Status == DrillStatus.Cancelled)
            throw new RuleViolated("reveal_only_after_start", "the reveal is shown once the drill has started");
        return run.RevealedAt is null ? [new DrillRevealed(run.Id, actor.Id, now)] : [];
    }

    /// <summary>KYT 2R: after the reveal, the facilitator or an evaluator marks whether a prediction matched.</summary>
    public static IReadOnlyList<IDrillEvent> Match(DrillRun run, DrillActor actor, Guid predictionId, bool matched, DateTimeOffset now)
    {
        if (!actor.Evaluates)
            throw new RuleViolated("only_facilitator_or_evaluators_match", "the facilitator or an evaluator marks the predictions");
        if (run.RevealedAt is null)
            throw new RuleViolated("match_only_after_reveal", "predictions are matched against the reveal, after it is shown");
        var prediction = run.Predictions.FirstOrDefault(p => p.Id == predictionId) ?? throw new NotFoundError($"prediction {predictionId}");
        return prediction.Matched == matched ? [] : [new DrillPredictionMatched(run.Id, predictionId, matched, actor.Id, now)];
    }

    /// <summary>KYT 2R-4R: key points, countermeasures and the team goal, recorded by the facilitator after the reveal.</summary>
    public static IReadOnlyList<IDrillEvent> RecordKyt(
        DrillRun run, DrillActor actor, string[] keyPoints, string[] countermeasures, string teamGoal, DateTimeOffset now)
    {
        RequireFacilitator(actor, "record the KYT rounds");
        if (run.RevealedAt is null)
            throw new RuleViolated("kyt_only_after_reveal", "key points, countermeasures and the team goal (2R-4R) follow the reveal");
        if (run.Kyt is { } k && k.KeyPoints.SequenceEqual(keyPoints) && k.Countermeasures.SequenceEqual(countermeasures) && k.TeamGoal == teamGoal)
            return [];
        return [new DrillKytRecorded(run.Id, keyPoints, countermeasures, teamGoal, actor.Id, now)];
    }

    /// <summary>The facilitator or an evaluator judges an expected action whose inject has been delivered.</summary>
    public static IReadOnlyList<IDrillEvent> Judge(
        DrillRun run, DrillScenario scenario, DrillActor actor, string actionId, ActionResult result, string? note, DateTimeOffset now)
    {
        if (!actor.Evaluates)
            throw new RuleViolated("only_facilitator_or_evaluators_judge", "only the facilitator or an evaluator judges expected actions");
        var (inject, _) = scenario.ExpectedActions.FirstOrDefault(a => a.Action.Id == actionId);
        if (inject is null) throw new NotFoundError($"expected action {actionId}");
        if (!run.Started || run.Status == DrillStatus.Cancelled)
            throw new RuleViolated("judge_only_after_start", "expected actions are judged once the drill has started");
        var delivery = run.DeliveryOf(inject.Id)
                       ?? throw new RuleViolated("inject_not_delivered", $"the action belongs to inject '{inject.Id}', which has not been delivered yet");
        if (run.Judgements.TryGetValue(actionId, out var j) && j.Result == result && j.Note == note && !j.Automatic) return [];
        return [new DrillActionJudged(run.Id, actionId, inject.Id, result, false, note, MinutesAfter(run, delivery, now), actor.Id, now)];
    }

    public static IReadOnlyList<IDrillEvent> Observe(
        DrillRun run, DrillScenario scenario, DrillActor actor, Guid observationId, ObservationKind kind, string text, string? injectId,
        string? actionId, DateTimeOffset now)
    {
        if (!actor.Evaluates)
            throw new RuleViolated("only_facilitator_or_evaluators_observe", "only the facilitator or an evaluator records observations");
        if (!run.Started || run.Status == DrillStatus.Cancelled)
            throw new RuleViolated("observe_only_after_start", "observations are recorded once the drill has started");
        if (injectId is not null && scenario.Injects.All(i => i.Id != injectId)) throw ValidationFailed.For("injectId", "is not an inject of the scenario");
        if (actionId is not null && scenario.ExpectedActions.All(a => a.Action.Id != actionId))
            throw ValidationFailed.For("actionId", "is not an expected action of the scenario");
        return [new DrillObservationRecorded(run.Id, observationId, kind, text, injectId, actionId, actor.Id, now)];
    }

    /// <summary>
    /// Automatic judging: each expected action judged by a signal, not judged yet, whose inject was delivered before the
    /// drill incident showed that signal, is met (missed when it came after the action's time limit, in scenario minutes).
    /// Only while the drill is in progress.
    /// </summary>
    public static IReadOnlyList<IDrillEvent> AutoJudge(DrillRun run, DrillScenario scenario, IReadOnlyList<SignalSeen> seen, DateTimeOffset now)
    {
        if (!run.InProgress || seen.Count == 0) return [];
        var output = new List<IDrillEvent>();
        var judged = run.Judgements.Keys.ToHashSet();
        foreach (var (inject, action) in scenario.ExpectedActions)
        {
            if (action.Signal is not { } signal || judged.Contains(action.Id) || run.DeliveryOf(inject.Id) is not { } delivery) continue;
            var hit = seen.Where(s => s.At >= delivery.At && Matches(signal, s)).OrderBy(s => s.At).FirstOrDefault();
            if (hit is null) continue;
            var minutes = MinutesAfter(run, delivery, hit.At);
            var result = action.TimeLimitMinutes is { } limit && minutes > limit ? ActionResult.Missed : ActionResult.Met;
            output.Add(new DrillActionJudged(run.Id, action.Id, inject.Id, result, true, null, minutes, SystemActor.Id, now));
            judged.Add(action.Id);
        }
        return output;
    }

    /// <summary>A signal matches its kind, and its argument when the action names one ("ransom-payment" and "ransom_payment" alike).</summary>
    public static bool Matches(ExpectedSignal expected, SignalSeen seen) =>
        expected.Kind == seen.Kind &&
        (string.IsNullOrEmpty(expected.Argument) || string.Equals(Normal(expected.Argument), Normal(seen.Argument), StringComparison.Ordinal));

    private static string? Normal(string? s) => s?.Trim().ToLowerInvariant().Replace('-', '_');

    /// <summary>Scenario minutes between an inject's delivery and a moment (the run's time scale and pauses counted).</summary>
    public static int MinutesAfter(DrillRun run, DeliveredInject delivery, DateTimeOffset at) =>
        Math.Max(0, (int)Math.Floor((run.ScenarioElapsed(at) - run.ScenarioElapsed(delivery.At)).TotalMinutes));

    /// <summary>The run's score: weights of the actions met over the weights of every expected action of the scenario.</summary>
    public static (int Met, int Total, int? Percent) Score(DrillRun run, DrillScenario scenario)
    {
        var total = scenario.ExpectedActions.Sum(a => a.Action.Weight);
        var met = scenario.ExpectedActions.Where(a => run.Judgements.TryGetValue(a.Action.Id, out var j) && j.Result == ActionResult.Met)
            .Sum(a => a.Action.Weight);
        return (met, total, total == 0 ? null : (int)Math.Round(100.0 * met / total));
    }

    private static void RequireFacilitator(DrillActor actor, string what)
    {
        if (!actor.Facilitates) throw new RuleViolated("only_facilitator", $"only the drill's facilitator (or an admin) may {what}");
    }
}
