using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Decisions.AnsweringInfo;
using IncidentDesk.Api.Decisions.AskingInfo;
using IncidentDesk.Api.Decisions.Deciding;
using IncidentDesk.Api.Decisions.Requesting;
using IncidentDesk.Api.Decisions.Superseding;
using IncidentDesk.Api.Decisions.Withdrawing;
using static IncidentDesk.UnitTests.Decisions.DecisionSpec;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Decisions;

/// <summary>Given a request's events, when a command, then the events it decides (or the rule it breaks).</summary>
public sealed class DecisionLifeTests
{
    private static DecisionInput Choose(string option, string rationale = "Backups are intact", bool acknowledged = false, string? emergency = null,
        string? conditions = null) => new(option, conditions, rationale, emergency, acknowledged);

    private static IReadOnlyList<IDecisionEvent> Decide(DecisionRequest s, Guid who, DecisionInput input) =>
        DecideDecisionHandler.Decide(s, Snapshot(), input, Executive(who), Now);

    [Fact]
    public void Asking_records_the_request_with_the_incident_snapshot_and_reminders_at_half_and_80_percent_then_the_deadline()
    {
        var input = RequestDecisionHandler.Validate(Body(neededBy: Now.AddHours(10)), Now);
        var n = 0;
        var events = RequestDecisionHandler.Decide(Incident(), 3, null, null, input, DecisionId, Responder, Now, () => Guid.Parse($"01930000-0000-7000-8000-0000000001{++n:x2}"));

        var requested = Assert.IsType<DecisionRequested>(events[0]);
        Assert.Equal(Reference, requested.Snapshot.Reference);
        Assert.Equal(3, requested.Snapshot.IncidentVersion);
        Assert.Contains("five_w1h.why", requested.Snapshot.UnknownFacts);
        Assert.Contains("severity", requested.Snapshot.UnknownFacts);
        Assert.True(requested.Options.Single(o => o.Id == "do_not_pay").Safe);
        Assert.False(requested.Options.Single(o => o.Id == "pay").Safe);
        var timers = events.Skip(1).Cast<DecisionDeadlineSet>().ToList();
        Assert.Equal([(DecisionTimerKind.Reminder, 50, Now.AddHours(5)), (DecisionTimerKind.Reminder, 80, Now.AddHours(8)),
            (DecisionTimerKind.Expiry, 100, Now.AddHours(10))], timers.Select(t => (t.Kind, t.Percent, t.DueAt)));
        Assert.All(timers, t => Assert.Equal(DecisionDeadlineTimer.Purpose, t.Timer().Purpose));
    }

    [Theory]
    [InlineData("neededBy")]
    [InlineData("options")]
    [InlineData("options.1")]
    [InlineData("options.0.id")]
    [InlineData("question")]
    [InlineData("unknowns.0")]
    [InlineData("approvers.0")]
    [InlineData("defaultOptionId")]
    public void A_malformed_request_is_a_400_naming_the_field(string field)
    {
        var body = field switch
        {
            "neededBy" => Body(neededBy: Now.AddMinutes(-1)),
            "options" => Body(options: [new("do_not_pay", "Do not pay", "Recover")]),
            "options.1" => Body(options: [new("do_not_pay", "Do not pay", "Recover"), null]),
            "options.0.id" => Body(options: [new("maybe", "Maybe", "?"), new("pay", "Pay", "No guarantee")]),
            "question" => Body(question: "Do we\u0007 pay?"),
            "unknowns.0" => Body(unknowns: [null]),
            "approvers.0" => Body(approvers: [null]),
            _ => Body(onExpiry: OnExpiry.ApplySafeOption),
        };
        var e = Assert.Throws<ValidationFailed>(() => RequestDecisionHandler.Validate(body, Now));
        Assert.Contains(field, e.Errors.Keys);
    }

    [Theory]
    [InlineData(DecisionKind.RansomPayment, "pay")]
    [InlineData(DecisionKind.Disclosure, "notify_now")]
    [InlineData(DecisionKind.Disclosure, "do_not_disclose")]
    public void Paying_and_disclosing_can_never_be_the_default_a_timer_applies(DecisionKind kind, string option)
    {
        var template = DecisionKinds.Of(kind);
        var options = template.Options.Select(o => new DecisionOptionInput(o.Id, o.Label.En, o.Consequence.En)).ToArray();
        var e = Assert.Throws<RuleViolated>(() => RequestDecisionHandler.Validate(
            Body(kind, options, defaultOption: option, onExpiry: OnExpiry.ApplySafeOption), Now));
        Assert.Equal("default_not_safe", e.Rules.Single().Code);
    }

    [Fact]
    public void With_quorum_any_the_first_approver_decides_the_request()
    {
        var events = Decide(Open(), Ceo, Choose("do_not_pay", conditions: "restore by Friday 18:00"));

        var vote = Assert.IsType<ApproverDecided>(events[0]);
        Assert.Equal(Ceo, vote.OnBehalfOf);
        Assert.Equal(Reference, vote.FactsAtDecision.Reference);
        var reached = Assert.IsType<DecisionReached>(events[1]);
        Assert.Equal(("do_not_pay", "restore by Friday 18:00", Ceo), (reached.OptionId, reached.Conditions, reached.Actor));
        Assert.Equal(DecisionStatus.Decided, State([Requested(), .. events]).Status);
    }

    [Fact]
    public void With_quorum_all_a_disagreement_stays_visible_and_the_request_is_decided_when_the_last_approver_agrees()
    {
        var s = Open(quorum: Quorum.All);
        var first = Decide(s, Ceo, Choose("do_not_pay"));
        Assert.Single(first);
        s = State([Requested(quorum: Quorum.All), .. first]);

        var second = Decide(s, Cfo, Choose("pay", acknowledged: true, emergency: "A hospital's systems are down"));
        Assert.Single(second);
        s = State([Requested(quorum: Quorum.All), .. first, .. second]);
        Assert.True(s.Disagreement);
        Assert.True(s.IsOpen);

        var agreed = Decide(s, Cfo, Choose("do_not_pay", "Backups restore in two days"));
        Assert.IsType<DecisionReached>(agreed[^1]);
        s = State([Requested(quorum: Quorum.All), .. first, .. second, .. agreed]);
        Assert.False(s.Disagreement);
        // Both of the CFO's decisions stay on the record.
        Assert.Equal(3, s.Votes.Count);
    }

    [Fact]
    public void Only_the_named_approvers_decide_and_a_deputy_only_once_the_request_is_escalated()
    {
        var s = Open();
        Assert.Throws<Forbidden>(() => Decide(s, OtherExecutive, Choose("do_not_pay")));
        Assert.Throws<Forbidden>(() => Decide(s, CeoDeputy, Choose("do_not_pay")));
        Assert.Throws<Forbidden>(() => DecideDecisionHandler.Decide(s, Snapshot(), Choose("do_not_pay"), ResponderCaller, Now));
        // A responder who is named (by mistake) still cannot decide: the role is checked, not only the name.
        Assert.Throws<Forbidden>(() => DecideDecisionHandler.Decide(s, Snapshot(), Choose("do_not_pay"),
            new Caller(Ceo, new HashSet<string> { Roles.Responder }), Now));

        var escalated = State(Requested(), new DecisionEscalated(DecisionId, IncidentId, Guid.NewGuid(), DecisionReach.Deputies, Now.AddHours(10), SystemActor.Id, Now));
        var byDeputy = Decide(escalated, CeoDeputy, Choose("do_not_pay"));
        Assert.Equal(Ceo, Assert.IsType<ApproverDecided>(byDeputy[0]).OnBehalfOf);
        Assert.Equal(CeoDeputy, byDeputy[0].Actor);
        Assert.Throws<Forbidden>(() => Decide(escalated, OtherExecutive, Choose("do_not_pay")));

        var toAll = State(Requested(), new DecisionEscalated(DecisionId, IncidentId, Guid.NewGuid(), DecisionReach.AllExecutives, Now.AddHours(10), SystemActor.Id, Now));
        Assert.IsType<DecisionReached>(Decide(toAll, OtherExecutive, Choose("do_not_pay"))[^1]);
    }

    [Fact]
    public void Deciding_twice_deciding_a_withdrawn_request_and_an_unknown_option_are_refused()
    {
        var decided = State([Requested(), .. Decide(Open(), Ceo, Choose("do_not_pay"))]);
        Assert.Equal("decision_already_taken", Assert.Throws<RuleViolated>(() => Decide(decided, Cfo, Choose("do_not_pay"))).Rules[0].Code);

        var withdrawn = State(Requested(), new DecisionWithdrawn(DecisionId, IncidentId, "Restored already", Responder, Now));
        Assert.Equal("decision_withdrawn", Assert.Throws<RuleViolated>(() => Decide(withdrawn, Ceo, Choose("do_not_pay"))).Rules[0].Code);

        Assert.Contains("optionId", Assert.Throws<ValidationFailed>(() => Decide(Open(), Ceo, Choose("negotiate"))).Errors.Keys);
    }

    [Fact]
    public void The_same_decision_again_changes_nothing()
    {
        var s = Open(quorum: Quorum.All);
        var once = Decide(s, Ceo, Choose("do_not_pay"));
        Assert.Empty(Decide(State([Requested(quorum: Quorum.All), .. once]), Ceo, Choose("do_not_pay")));
    }

    [Fact]
    public void Paying_the_ransom_needs_the_guidance_acknowledged_and_the_emergency_stated()
    {
        var s = Open();
        Assert.Equal("ransom_guidance_not_acknowledged",
            Assert.Throws<RuleViolated>(() => Decide(s, Ceo, Choose("pay", emergency: "Lives at stake"))).Rules[0].Code);
        Assert.Contains("emergency", Assert.Throws<ValidationFailed>(() => Decide(s, Ceo, Choose("pay", acknowledged: true))).Errors.Keys);

        var paid = Decide(s, Ceo, Choose("pay", acknowledged: true, emergency: "Patients' records are locked in the ward"));
        Assert.Equal("pay", Assert.IsType<DecisionReached>(paid[^1]).OptionId);
        Assert.True(Assert.IsType<ApproverDecided>(paid[0]).GuidanceAcknowledged);
    }

    [Fact]
    public void Asking_for_information_and_answering_it_returns_the_request_to_requested()
    {
        var asked = AskInfoHandler.Decide(Open(), "Are the backups tested?", Executive(Ceo), Now, Guid.Parse("01930000-0000-7000-8000-0000000002a1"));
        var s = State([Requested(), .. asked]);
        Assert.Equal(DecisionStatus.InfoAsked, s.Status);
        Assert.Throws<Forbidden>(() => AskInfoHandler.Decide(Open(), "?", Executive(OtherExecutive), Now, Guid.NewGuid()));

        var answered = AnswerInfoHandler.Decide(s, s.Info[0].QuestionId, "Yes, restored last month", ResponderCaller, Now);
        s = State([Requested(), .. asked, .. answered]);
        Assert.Equal(DecisionStatus.Requested, s.Status);
        Assert.Equal("Yes, restored last month", s.Info[0].Answer);
        Assert.Empty(AnswerInfoHandler.Decide(s, s.Info[0].QuestionId, "Yes, restored last month", ResponderCaller, Now));
        Assert.Equal("info_already_answered",
            Assert.Throws<RuleViolated>(() => AnswerInfoHandler.Decide(s, s.Info[0].QuestionId, "No", ResponderCaller, Now)).Rules[0].Code);
        Assert.Contains("questionId", Assert.Throws<ValidationFailed>(() => AnswerInfoHandler.Decide(s, Guid.NewGuid(), "x", ResponderCaller, Now)).Errors.Keys);
    }

    [Fact]
    public void Withdrawing_an_open_request_is_recorded_once_and_a_decided_one_cannot_be_withdrawn()
    {
        var withdrawn = WithdrawHandler.Decide(Open(), "Restored from backup before anyone had to decide", ResponderCaller, Now);
        Assert.IsType<DecisionWithdrawn>(Assert.Single(withdrawn));
        Assert.Empty(WithdrawHandler.Decide(State([Requested(), .. withdrawn]), "again", ResponderCaller, Now));

        var decided = State([Requested(), .. Decide(Open(), Ceo, Choose("do_not_pay"))]);
        Assert.Equal("decision_already_taken", Assert.Throws<RuleViolated>(() => WithdrawHandler.Decide(decided, "late", ResponderCaller, Now)).Rules[0].Code);
    }

    [Fact]
    public void Superseding_keeps_the_earlier_decision_on_record_with_the_reason()
    {
        var first = Decide(Open(), Ceo, Choose("do_not_pay"));
        var decided = State([Requested(), .. first]);
        var superseded = SupersedeHandler.Decide(decided, Snapshot(), Choose("pay", "A patient's life depends on the locked records", true, "Hospital ward system"),
            "The hospital's ward system turned out to be encrypted too", Executive(Cfo), Now);

        var s = State([Requested(), .. first, .. superseded]);
        Assert.Equal("pay", s.Outcome!.OptionId);
        var earlier = Assert.Single(s.Earlier);
        Assert.Equal(("do_not_pay", "The hospital's ward system turned out to be encrypted too"), (earlier.OptionId, earlier.SupersedeReason));
        Assert.Equal("decision_not_taken", Assert.Throws<RuleViolated>(() =>
            SupersedeHandler.Decide(Open(), Snapshot(), Choose("do_not_pay"), "why", Executive(Ceo), Now)).Rules[0].Code);
        Assert.Throws<Forbidden>(() => SupersedeHandler.Decide(decided, Snapshot(), Choose("do_not_pay", "x"), "why", Executive(OtherExecutive), Now));
    }
}
