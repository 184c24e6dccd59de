using IncidentDesk.Api.Drills;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.UnitTests.Drills;

/// <summary>Given a run's events, when a command, then its events or the rule it breaks (issue 11 §4).</summary>
public sealed class DrillRulesTests
{
    private static readonly Guid RunId = Guid.Parse("01930000-0000-7000-8000-00000000dd01");
    private static readonly Guid Facilitator = Guid.Parse("01930000-0000-7000-8000-00000000dd0f");
    private static readonly Guid Player = Guid.Parse("01930000-0000-7000-8000-00000000dd11");
    private static readonly Guid Exec = Guid.Parse("01930000-0000-7000-8000-00000000dd12");
    private static readonly Guid Evaluator = Guid.Parse("01930000-0000-7000-8000-00000000dd13");
    private static readonly Guid Outsider = Guid.Parse("01930000-0000-7000-8000-00000000dd99");
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset M(double minutes) => T0.AddMinutes(minutes);

    private static readonly SourceRef Src = new("003_x.txt", 1, 2, false);
    private static LocalizedText L(string s) => new(s + "（日本語）", s);

    private static ExpectedAction Action(string id, int weight, SignalKind? signal = null, string? arg = null, DrillTeam who = DrillTeam.All, int? limit = null) =>
        new(id, L(id), ExpectedActionKind.Action, who, weight, limit, signal is { } s ? new ExpectedSignal(s, arg) : null, Src);

    private static DrillInject Inject(string id, int offset, InjectChannel channel, params ExpectedAction[] expected) =>
        new(id, offset, channel, DrillTeam.All, L(id), L(id + " content"), L(id + " notes"), expected, [], Src);

    /// <summary>S1 shape: injects at 0, 10, 20 and 50 scenario minutes.</summary>
    private static readonly DrillScenario Scenario = new(
        "s1-test", 1, L("Ransomware"), L("summary"), Category.C2, DrillFormat.Tabletop, 60, 12, [], [], L("situation"),
        [new DrillModule("m1", L("Module 1"), [
            Inject("i1", 0, InjectChannel.RolePlay, Action("file-report", 10, SignalKind.IncidentAcknowledged, limit: 30)),
            Inject("i2", 10, InjectChannel.Screen, Action("contain", 15)),
            Inject("i3", 20, InjectChannel.Mail, Action("rate", 10, SignalKind.SeverityRated, who: DrillTeam.Responders)),
            Inject("i4", 50, InjectChannel.Screen, Action("ransom", 15, SignalKind.DecisionRequested, "ransom-payment", DrillTeam.Executives)),
        ])],
        new DrillReveal(L("accident"), [L("cause")], null, Src), [], [Src], false, "s1-test.yaml", "hash-1");

    private static DrillScheduled Scheduled(int timeScale = 10) => new(RunId, "s1-test", 1, "hash-1", DrillFormat.Tabletop, Category.C2,
        "ランサムウェア", "Ransomware", Facilitator,
        [new DrillParticipant(Player, ParticipantRole.Player, DrillTeam.Responders), new DrillParticipant(Exec, ParticipantRole.Player, DrillTeam.Executives),
         new DrillParticipant(Evaluator, ParticipantRole.Evaluator, DrillTeam.Staff)],
        T0.AddDays(-1), timeScale, true, null, false, Facilitator, T0.AddDays(-7));

    private static DrillRun Given(params object[] events) => events.Aggregate((DrillRun?)null, (s, e) => DrillRun.Evolve(s, e))!;

    private static DrillRun Apply(DrillRun run, IEnumerable<object> events) => events.Aggregate(run, DrillRun.Evolve);

    private static DrillActor As(DrillRun run, Guid id) => new(id, id == Facilitator, run.Participant(id));

    private static Func<Guid> Ids(int from = 0)
    {
        var n = from;
        return () => Guid.Parse($"01930000-0000-7000-8000-0000000e{++n:x4}");
    }

    private static DrillRun Started(int timeScale = 10)
    {
        var run = Given(Scheduled(timeScale));
        return Apply(run, DrillRules.Start(run, Scenario, As(run, Facilitator), Ids(), T0));
    }

    private static void Breaks(string rule, Action act) => Assert.Equal(rule, Assert.Throws<RuleViolated>(act).Rules.Single().Code);

    private static DrillRun Delivered(DrillRun run, string injectId, DateTimeOffset at) =>
        Apply(run, DrillRules.Deliver(run, Scenario.Injects.First(i => i.Id == injectId), null, Facilitator, [], 1, at));

    // Scheduling

    [Fact]
    public void Scheduling_pins_the_scenario_by_id_version_and_hash()
    {
        var plan = new DrillPlan(Facilitator, [new DrillParticipant(Player, ParticipantRole.Player, DrillTeam.Responders)], T0, 12, false, null, true);

        var e = DrillRules.Schedule(RunId, Scenario, plan, Facilitator, T0);

        Assert.Equal(("s1-test", 1, "hash-1", 12, true), (e.ScenarioId, e.ScenarioVersion, e.ContentHash, e.TimeScale, e.WebhooksEnabled));
        Assert.Equal(DrillStatus.Scheduled, Given(e).Status);
    }

    [Fact]
    public void The_facilitator_cannot_also_be_a_participant()
    {
        var plan = new DrillPlan(Facilitator, [new DrillParticipant(Facilitator, ParticipantRole.Player, DrillTeam.Responders)], T0, 12, false, null, false);
        Breaks("facilitator_not_participant", () => DrillRules.Schedule(RunId, Scenario, plan, Facilitator, T0));
    }

    [Fact]
    public void A_tabletop_drill_needs_a_player()
    {
        var plan = new DrillPlan(Facilitator, [new DrillParticipant(Evaluator, ParticipantRole.Evaluator, DrillTeam.Staff)], T0, 12, false, null, false);
        Breaks("player_required", () => DrillRules.Schedule(RunId, Scenario, plan, Facilitator, T0));
        Breaks("participants_required", () => DrillRules.Schedule(RunId, Scenario, plan with { Participants = [] }, Facilitator, T0));
    }

    // Inject scheduling with the time scale

    [Fact]
    public void Starting_sets_each_inject_timer_at_start_plus_offset_divided_by_the_time_scale()
    {
        var run = Given(Scheduled(timeScale: 10));

        var events = DrillRules.Start(run, Scenario, As(run, Facilitator), Ids(), T0);

        var started = Assert.IsType<DrillStarted>(events[0]);
        Assert.Equal(DrillNotices.IncidentIdFor(RunId), started.IncidentId);
        Assert.Equal(DrillNotices.ContactCheckIdFor(RunId), started.ContactCheckId);
        Assert.Equal([("i1", M(0)), ("i2", M(1)), ("i3", M(2)), ("i4", M(5))],
            events.OfType<DrillInjectScheduled>().Select(t => (t.InjectId, t.DueAt)).ToArray());
    }

    [Fact]
    public void A_pause_shifts_the_remaining_injects_by_its_length()
    {
        // Scale 10: i2 due at 1 min, i3 at 2, i4 at 5. i1 and i2 delivered; paused at 1.5 for 3 minutes.
        var run = Delivered(Delivered(Started(), "i1", M(0)), "i2", M(1));
        run = Apply(run, DrillRules.Pause(run, As(run, Facilitator), M(1.5)));

        var events = DrillRules.Resume(run, Scenario, As(run, Facilitator), Ids(), M(4.5));

        Assert.IsType<DrillResumed>(events[0]);
        Assert.Equal([("i3", M(5)), ("i4", M(8))], events.OfType<DrillInjectScheduled>().Select(t => (t.InjectId, t.DueAt)).ToArray());
        var after = Apply(run, events);
        Assert.Equal(TimeSpan.FromMinutes(2.5), after.ActiveElapsed(M(5.5)));
        Assert.Equal(TimeSpan.FromMinutes(25), after.ScenarioElapsed(M(5.5)));
    }

    [Fact]
    public void A_timer_from_before_the_pause_fires_nothing_and_the_new_one_fires_once()
    {
        var run = Started();
        var oldTimer = run.Timers["i2"].TimerId;
        run = Apply(run, DrillRules.Pause(run, As(run, Facilitator), M(0.5)));
        Assert.Null(DrillRules.DueInject(run, Scenario, oldTimer));

        run = Apply(run, DrillRules.Resume(run, Scenario, As(run, Facilitator), Ids(from: 100), M(2)));
        var newTimer = run.Timers["i2"].TimerId;
        Assert.NotEqual(oldTimer, newTimer);
        Assert.Null(DrillRules.DueInject(run, Scenario, oldTimer));
        var due = DrillRules.DueInject(run, Scenario, newTimer);
        Assert.Equal("i2", due?.Id);

        run = Apply(run, DrillRules.Deliver(run, due!, newTimer, SystemActor.Id, [], 1, M(2.5)));
        Assert.Null(DrillRules.DueInject(run, Scenario, newTimer));
        Assert.Equal(10, run.DeliveryOf("i2")!.ScenarioMinute);
    }

    [Fact]
    public void Releasing_by_hand_delivers_the_next_inject_by_offset_and_its_timer_then_fires_nothing()
    {
        var run = Delivered(Started(), "i1", M(0));

        var next = DrillRules.NextInject(run, Scenario, As(run, Facilitator));
        run = Apply(run, DrillRules.Deliver(run, next, null, Facilitator, [], 1, M(0.2)));

        Assert.Equal("i2", next.Id);
        Assert.True(run.DeliveryOf("i2")!.Manual);
        Assert.Null(DrillRules.DueInject(run, Scenario, run.Timers["i2"].TimerId));
    }

    [Fact]
    public void A_mail_inject_nobody_can_receive_is_a_visible_failure()
    {
        var run = Started();

        var events = DrillRules.Deliver(run, Scenario.Injects.First(i => i.Id == "i3"), run.Timers["i3"].TimerId, SystemActor.Id, [], 0, M(2));

        Assert.IsType<DrillInjectDelivered>(events[0]);
        Assert.Contains("no participant", Assert.IsType<DrillInjectFailed>(events[1]).Reason);
    }

    [Fact]
    public void No_inject_fires_while_paused_or_stopped()
    {
        var run = Started();
        var paused = Apply(run, DrillRules.Pause(run, As(run, Facilitator), M(0.5)));
        var stopped = Apply(run, DrillRules.Stop(run, As(run, Facilitator), "fire alarm", M(0.5)));

        Assert.Null(DrillRules.DueInject(paused, Scenario, run.Timers["i2"].TimerId));
        Assert.Null(DrillRules.DueInject(stopped, Scenario, run.Timers["i2"].TimerId));
        Assert.Equal(DrillStatus.Stopped, stopped.Status);
        Assert.Equal(DrillStatus.Running, Apply(stopped, DrillRules.Resume(stopped, Scenario, As(stopped, Facilitator), Ids(), M(1))).Status);
    }

    // Every lifecycle rule's 409

    [Fact]
    public void Lifecycle_commands_break_their_rules_in_the_wrong_state()
    {
        var scheduled = Given(Scheduled());
        var running = Started();
        var ended = Apply(running, DrillRules.End(running, As(running, Facilitator), M(10)));
        var f = As(running, Facilitator);

        Breaks("start_only_when_scheduled", () => DrillRules.Start(running, Scenario, f, Ids(), M(1)));
        Breaks("pause_only_when_running", () => DrillRules.Pause(scheduled, f, M(1)));
        Breaks("resume_only_when_paused", () => DrillRules.Resume(running, Scenario, f, Ids(), M(1)));
        Breaks("stop_only_when_running", () => DrillRules.Stop(ended, f, null, M(11)));
        Breaks("end_only_when_started", () => DrillRules.End(scheduled, f, M(1)));
        Breaks("cancel_only_when_scheduled", () => DrillRules.Cancel(running, f, null, M(1)));
        Breaks("injects_only_when_running", () => DrillRules.NextInject(ended, Scenario, f));
        Breaks("reveal_only_after_start", () => DrillRules.Reveal(scheduled, f, M(1)));
        Assert.Equal(DrillStatus.Cancelled, Apply(scheduled, DrillRules.Cancel(scheduled, f, "rescheduled", M(1))).Status);
    }

    [Fact]
    public void Only_the_facilitator_controls_the_run()
    {
        var scheduled = Given(Scheduled());
        var running = Started();

        Breaks("only_facilitator", () => DrillRules.Start(scheduled, Scenario, As(scheduled, Player), Ids(), T0));
        Breaks("only_facilitator", () => DrillRules.Pause(running, As(running, Player), M(1)));
        Breaks("only_facilitator", () => DrillRules.Stop(running, As(running, Evaluator), null, M(1)));
        Breaks("only_facilitator", () => DrillRules.End(running, As(running, Outsider), M(1)));
        Breaks("only_facilitator", () => DrillRules.NextInject(running, Scenario, As(running, Player)));
        Breaks("only_facilitator", () => DrillRules.Reveal(running, As(running, Evaluator), M(1)));
    }

    [Fact]
    public void No_inject_left_once_all_are_delivered()
    {
        var run = Started();
        foreach (var i in Scenario.Injects) run = Delivered(run, i.Id, M(1));
        Breaks("no_inject_left", () => DrillRules.NextInject(run, Scenario, As(run, Facilitator)));
    }

    // KYT

    [Fact]
    public void Each_participant_enters_at_most_three_predictions_before_the_reveal()
    {
        var run = Started();
        for (var i = 0; i < 3; i++)
            run = Apply(run, DrillRules.Predict(run, As(run, Player), Guid.NewGuid(), $"risk {i}", M(1)));
        Breaks("at_most_three_predictions", () => DrillRules.Predict(run, As(run, Player), Guid.NewGuid(), "a fourth", M(1)));

        // Another participant still has three of their own.
        run = Apply(run, DrillRules.Predict(run, As(run, Exec), Guid.NewGuid(), "exec risk", M(1)));
        Assert.Equal(4, run.Predictions.Count);

        run = Apply(run, DrillRules.Reveal(run, As(run, Facilitator), M(2)));
        Breaks("predictions_before_reveal", () => DrillRules.Predict(run, As(run, Exec), Guid.NewGuid(), "late", M(3)));
        Assert.Empty(DrillRules.Reveal(run, As(run, Facilitator), M(3)));
    }

    [Fact]
    public void Only_participants_predict_and_only_while_the_drill_runs()
    {
        var run = Started();
        Breaks("only_participants_predict", () => DrillRules.Predict(run, As(run, Facilitator), Guid.NewGuid(), "x", M(1)));
        Breaks("only_participants_predict", () => DrillRules.Predict(run, As(run, Outsider), Guid.NewGuid(), "x", M(1)));
        var scheduled = Given(Scheduled());
        Breaks("predictions_only_during_run", () => DrillRules.Predict(scheduled, As(scheduled, Player), Guid.NewGuid(), "x", T0));
    }

    [Fact]
    public void Matching_and_the_2R_to_4R_record_come_after_the_reveal()
    {
        var run = Started();
        var id = Guid.Parse("01930000-0000-7000-8000-00000000aa01");
        run = Apply(run, DrillRules.Predict(run, As(run, Player), id, "VPN password reused", M(1)));

        Breaks("match_only_after_reveal", () => DrillRules.Match(run, As(run, Facilitator), id, true, M(2)));
        Breaks("kyt_only_after_reveal", () => DrillRules.RecordKyt(run, As(run, Facilitator), ["k"], ["c"], "goal", M(2)));

        run = Apply(run, DrillRules.Reveal(run, As(run, Facilitator), M(2)));
        Breaks("only_facilitator_or_evaluators_match", () => DrillRules.Match(run, As(run, Player), id, true, M(3)));
        run = Apply(run, DrillRules.Match(run, As(run, Evaluator), id, true, M(3)));
        Assert.True(run.Predictions.Single().Matched);
        Assert.Empty(DrillRules.Match(run, As(run, Facilitator), id, true, M(3)));
        Assert.Throws<NotFoundError>(() => DrillRules.Match(run, As(run, Facilitator), Guid.NewGuid(), true, M(3)));

        Breaks("only_facilitator", () => DrillRules.RecordKyt(run, As(run, Evaluator), ["k"], ["c"], "goal", M(4)));
        run = Apply(run, DrillRules.RecordKyt(run, As(run, Facilitator), ["VPN未更新"], ["多要素認証"], "月曜9時に誰でもVPNを止められる", M(4)));
        Assert.Equal("月曜9時に誰でもVPNを止められる", run.Kyt!.TeamGoal);
        Assert.Empty(DrillRules.RecordKyt(run, As(run, Facilitator), ["VPN未更新"], ["多要素認証"], "月曜9時に誰でもVPNを止められる", M(5)));
    }

    // Judging

    [Fact]
    public void Only_the_facilitator_or_evaluators_judge_and_observe_delivered_injects()
    {
        var run = Started();
        Breaks("only_facilitator_or_evaluators_judge", () => DrillRules.Judge(run, Scenario, As(run, Player), "contain", ActionResult.Met, null, M(1)));
        Breaks("inject_not_delivered", () => DrillRules.Judge(run, Scenario, As(run, Evaluator), "contain", ActionResult.Met, null, M(1)));
        Breaks("only_facilitator_or_evaluators_observe",
            () => DrillRules.Observe(run, Scenario, As(run, Exec), Guid.NewGuid(), ObservationKind.Strength, "x", null, null, M(1)));
        Assert.Throws<NotFoundError>(() => DrillRules.Judge(run, Scenario, As(run, Evaluator), "nope", ActionResult.Met, null, M(1)));
        var scheduled = Given(Scheduled());
        Breaks("observe_only_after_start",
            () => DrillRules.Observe(scheduled, Scenario, As(scheduled, Facilitator), Guid.NewGuid(), ObservationKind.Strength, "x", null, null, T0));

        run = Delivered(run, "i2", M(1));
        var judged = Assert.IsType<DrillActionJudged>(Assert.Single(DrillRules.Judge(run, Scenario, As(run, Evaluator), "contain", ActionResult.Missed,
            "VPN left up", M(2.5))));
        Assert.Equal((ActionResult.Missed, false, 15, "i2"), (judged.Result, judged.Automatic, judged.MinutesAfterInject, judged.InjectId));
    }

    [Fact]
    public void A_matching_signal_after_the_inject_ticks_its_action_off_with_the_scenario_minutes_since_the_inject()
    {
        var run = Delivered(Delivered(Started(), "i1", M(0)), "i4", M(5));

        var events = DrillRules.AutoJudge(run, Scenario,
            [new SignalSeen(SignalKind.DecisionRequested, "ransom_payment", M(6.5)), new SignalSeen(SignalKind.IncidentAcknowledged, null, M(2))], M(7));

        var judged = events.Cast<DrillActionJudged>().OrderBy(e => e.ActionId).ToList();
        Assert.Equal([("file-report", ActionResult.Met, 20), ("ransom", ActionResult.Met, 15)],
            judged.Select(j => (j.ActionId, j.Result, j.MinutesAfterInject!.Value)).ToArray());
        Assert.All(judged, j => Assert.True(j.Automatic));
        Assert.All(judged, j => Assert.Equal(SystemActor.Id, j.Actor));
    }

    [Fact]
    public void Automatic_judging_ignores_other_arguments_undelivered_injects_judged_actions_and_signals_before_the_inject()
    {
        var run = Delivered(Started(), "i1", M(1));

        Assert.Empty(DrillRules.AutoJudge(run, Scenario, [new SignalSeen(SignalKind.DecisionRequested, "disclosure", M(6))], M(6)));
        Assert.Empty(DrillRules.AutoJudge(run, Scenario, [new SignalSeen(SignalKind.SeverityRated, null, M(6))], M(6)));
        Assert.Empty(DrillRules.AutoJudge(run, Scenario, [new SignalSeen(SignalKind.IncidentAcknowledged, null, M(0.5))], M(6)));

        run = Apply(run, DrillRules.AutoJudge(run, Scenario, [new SignalSeen(SignalKind.IncidentAcknowledged, null, M(2))], M(2)));
        Assert.Empty(DrillRules.AutoJudge(run, Scenario, [new SignalSeen(SignalKind.IncidentAcknowledged, null, M(3))], M(3)));
    }

    [Fact]
    public void A_signal_after_the_time_limit_is_judged_missed()
    {
        var run = Delivered(Started(), "i1", M(0));

        var judged = (DrillActionJudged)DrillRules.AutoJudge(run, Scenario, [new SignalSeen(SignalKind.IncidentAcknowledged, null, M(4))], M(4)).Single();

        Assert.Equal((ActionResult.Missed, 40), (judged.Result, judged.MinutesAfterInject));
    }

    [Fact]
    public void Nothing_is_judged_automatically_once_the_drill_ended()
    {
        var run = Delivered(Started(), "i1", M(0));
        run = Apply(run, DrillRules.End(run, As(run, Facilitator), M(1)));
        Assert.Empty(DrillRules.AutoJudge(run, Scenario, [new SignalSeen(SignalKind.IncidentAcknowledged, null, M(1))], M(1)));
    }

    [Fact]
    public void The_score_is_the_weight_of_the_actions_met_over_all_weights()
    {
        var run = Delivered(Delivered(Started(), "i1", M(0)), "i2", M(1));
        run = Apply(run, DrillRules.Judge(run, Scenario, As(run, Facilitator), "file-report", ActionResult.Met, null, M(1)));
        run = Apply(run, DrillRules.Judge(run, Scenario, As(run, Facilitator), "contain", ActionResult.Missed, null, M(2)));

        Assert.Equal((10, 50, 20), DrillRules.Score(run, Scenario));
    }

    [Fact]
    public void The_clock_is_real_active_time_times_the_scale_and_stops_at_the_end()
    {
        var run = Started(timeScale: 12);
        run = Apply(run, DrillRules.Pause(run, As(run, Facilitator), M(2)));
        Assert.Equal(TimeSpan.FromMinutes(24), run.ScenarioElapsed(M(10)));
        run = Apply(run, DrillRules.Resume(run, Scenario, As(run, Facilitator), Ids(), M(10)));
        run = Apply(run, DrillRules.End(run, As(run, Facilitator), M(13)));
        Assert.Equal(TimeSpan.FromMinutes(60), run.ScenarioElapsed(M(100)));
    }
}
