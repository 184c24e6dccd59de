using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Advancing;
using IncidentDesk.Api.Incidents.Analysing;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Advancing;

/// <summary>
/// Each exit criterion blocks leaving its stage, and the 409 lists exactly the unmet ones, so a responder sees
/// the whole gap at once (R8, R11-R13).
/// </summary>
public sealed class ExitCriteriaTests : IncidentSpec
{
    private static readonly string[] AnalysisCodes =
    [
        "five_w1h_who", "five_w1h_what", "five_w1h_when", "five_w1h_where", "five_w1h_why", "five_w1h_how",
        "damage_recorded", "scale_recorded", "cause_recorded", "countermeasures_chosen",
    ];

    private static Outcome Leaving(params IIncidentEvent[] history)
    {
        var scenario = Given(history);
        return scenario.When(s => AdvanceStageHandler.Decide(s, s.NextStage!.Value, Responder, Now));
    }

    [Theory]
    [InlineData(Stage.Detection, new[] { "acknowledged" })]
    [InlineData(Stage.Triage, new[] { "acknowledged", "severity_rated", "owner_assigned", "harm_and_leak_assessed" })]
    [InlineData(Stage.Analysis, new[]
    {
        "five_w1h_who", "five_w1h_what", "five_w1h_when", "five_w1h_where", "five_w1h_why", "five_w1h_how",
        "damage_recorded", "scale_recorded", "cause_recorded", "countermeasures_chosen",
    })]
    [InlineData(Stage.Recovery, new[] { "normal_operation_verified", "notifications_recorded" })]
    [InlineData(Stage.Prevention, new[] { "root_cause_recorded", "measure_decided", "policy_update_flag_set" })]
    [InlineData(Stage.Closed, new string[0])]
    public void Each_stage_has_the_exit_criteria_of_the_contract(Stage stage, string[] codes)
    {
        Assert.Equal(codes, Given(In(stage)).State.ExitCriteria().Select(c => c.Code));
    }

    [Fact]
    public void Each_unmet_criterion_is_explained_in_words_naming_the_stage()
    {
        var violation = Leaving(InAnalysis()).ThenRuleViolated(AnalysisCodes);

        Assert.All(violation.Rules, r =>
        {
            Assert.StartsWith("cannot leave analysis: ", r.Message);
            Assert.EndsWith(ExitCriteriaText.Describe(r.Code), r.Message);
            Assert.NotEqual(r.Code, ExitCriteriaText.Describe(r.Code));
        });
    }

    // Detection

    [Fact]
    public void An_unacknowledged_report_cannot_leave_detection() => Leaving(InDetection()).ThenRuleViolated("acknowledged");

    // Triage

    [Fact]
    public void Triage_untouched_lists_every_criterion()
    {
        Leaving(Reported(), MovedOn(Stage.Detection, Stage.Triage, 1))
            .ThenRuleViolated("acknowledged", "severity_rated", "owner_assigned", "harm_and_leak_assessed");
    }

    [Fact]
    public void Triage_needs_an_acknowledgement()
    {
        Leaving(Reported(), MovedOn(Stage.Detection, Stage.Triage, 1), Triaged(3), Assigned(4)).ThenRuleViolated("acknowledged");
    }

    [Fact]
    public void Triage_needs_an_owner() => Leaving([.. InTriage(), Triaged(3)]).ThenRuleViolated("owner_assigned");

    [Fact]
    public void Triage_needs_the_triage_form_which_rates_severity_and_assesses_harm_and_leakage()
    {
        // Severity and the harm/leak answers come from the one triage form, so they are met together.
        Leaving([.. InTriage(), Assigned(4)]).ThenRuleViolated("severity_rated", "harm_and_leak_assessed");
    }

    // Analysis

    public static TheoryData<string> EachAnalysisCode => [.. AnalysisCodes];

    [Fact]
    public void Analysis_without_any_record_lists_all_ten_criteria() => Leaving(InAnalysis()).ThenRuleViolated(AnalysisCodes);

    [Fact]
    public void Analysis_with_only_who_answered_lists_the_other_nine()
    {
        var onlyWho = new FiveW1H(Known("a contractor"), Unanswered, Unanswered, Unanswered, Unanswered, Unanswered);

        Leaving([.. InAnalysis(), Analysed(6, onlyWho, null, null, null, null, null)])
            .ThenRuleViolated(AnalysisCodes[1..]);
    }

    [Theory]
    [MemberData(nameof(EachAnalysisCode))]
    public void Each_missing_analysis_answer_blocks_leaving_analysis_on_its_own(string code)
    {
        Leaving([.. InAnalysis(), AnalysedWithout(code, blank: null)]).ThenRuleViolated(code);
    }

    [Theory]
    [MemberData(nameof(EachAnalysisCode))]
    public void A_blank_answer_does_not_count(string code)
    {
        Leaving([.. InAnalysis(), AnalysedWithout(code, blank: " \t ")]).ThenRuleViolated(code);
    }

    [Fact]
    public void A_5W1H_answer_marked_unknown_counts_as_settled()
    {
        var allUnknown = new FiveW1H(NotKnown, NotKnown, NotKnown, NotKnown, NotKnown, NotKnown);

        Leaving([.. InAnalysis(), Analysed(6, allUnknown)])
            .Then(new StageAdvanced(IncidentId, Stage.Analysis, Stage.Recovery, Responder, Now));
    }

    [Fact]
    public void Affected_assets_are_recorded_but_not_required()
    {
        Leaving([.. InAnalysis(), Analysed(6, assets: null)])
            .Then(new StageAdvanced(IncidentId, Stage.Analysis, Stage.Recovery, Responder, Now));
    }

    [Fact]
    public void Blank_answers_saved_through_the_form_do_not_count()
    {
        var blank = new FiveWValue("   ", false);
        var request = new AnalysisRequest(blank, blank, blank, blank, blank, new FiveWValue(null, true), "  ", "  ", "x", "  ", "  ");
        var saved = Given(InAnalysis()).When(s => RecordAnalysisHandler.Decide(s, RecordAnalysisHandler.Validate(request), Responder, T(6))).Events;

        Leaving([.. InAnalysis(), .. saved]).ThenRuleViolated(
            "five_w1h_who", "five_w1h_what", "five_w1h_when", "five_w1h_where", "five_w1h_why",
            "damage_recorded", "scale_recorded", "cause_recorded", "countermeasures_chosen");
    }

    private static AnalysisRecorded AnalysedWithout(string code, string? blank)
    {
        var e = Analysed(6);
        var w = e.FiveW1H;
        var missing = new Answer(blank, false);
        return code switch
        {
            "five_w1h_who" => e with { FiveW1H = w with { Who = missing } },
            "five_w1h_what" => e with { FiveW1H = w with { What = missing } },
            "five_w1h_when" => e with { FiveW1H = w with { When = missing } },
            "five_w1h_where" => e with { FiveW1H = w with { Where = missing } },
            "five_w1h_why" => e with { FiveW1H = w with { Why = missing } },
            "five_w1h_how" => e with { FiveW1H = w with { How = missing } },
            "damage_recorded" => e with { Damage = blank },
            "scale_recorded" => e with { Scale = blank },
            "cause_recorded" => e with { Cause = blank },
            "countermeasures_chosen" => e with { Countermeasures = blank },
            _ => throw new ArgumentOutOfRangeException(nameof(code)),
        };
    }

    // Recovery

    [Fact]
    public void Recovery_without_any_record_lists_both_criteria() =>
        Leaving(InRecovery()).ThenRuleViolated("normal_operation_verified", "notifications_recorded");

    [Fact]
    public void Recovery_needs_normal_operation_verified() =>
        Leaving([.. InRecovery(), Recovered(8, verified: false)]).ThenRuleViolated("normal_operation_verified");

    [Fact]
    public void A_verification_without_a_signer_does_not_count()
    {
        Leaving([.. InRecovery(), Recovered(8) with { VerifiedBy = null }]).ThenRuleViolated("normal_operation_verified");
    }

    [Fact]
    public void Recovery_needs_a_record_of_who_was_notified() =>
        Leaving([.. InRecovery(), Recovered(8) with { NotifiedParties = [] }]).ThenRuleViolated("notifications_recorded");

    // Prevention

    [Fact]
    public void Prevention_without_any_record_lists_all_three_criteria() =>
        Leaving(InPrevention()).ThenRuleViolated("root_cause_recorded", "measure_decided", "policy_update_flag_set");

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Prevention_needs_a_root_cause(string? rootCause) =>
        Leaving([.. InPrevention(), Prevented(10, rootCause)]).ThenRuleViolated("root_cause_recorded");

    [Fact]
    public void Prevention_needs_at_least_one_decided_measure() =>
        Leaving([.. InPrevention(), Prevented(10) with { Measures = [] }]).ThenRuleViolated("measure_decided");

    [Fact]
    public void Prevention_needs_the_policy_update_question_answered() =>
        Leaving([.. InPrevention(), Prevented(10, policyUpdate: null)]).ThenRuleViolated("policy_update_flag_set");

    [Fact]
    public void No_policy_update_needed_is_an_answer()
    {
        Leaving([.. InPrevention(), Prevented(10, policyUpdate: false)])
            .Then(new StageAdvanced(IncidentId, Stage.Prevention, Stage.Closed, Responder, Now));
    }

    [Theory]
    [InlineData(MeasureDecision.Done)]
    [InlineData(MeasureDecision.WillDo)]
    [InlineData(MeasureDecision.NotNeeded)]
    public void Any_decision_on_a_measure_counts(MeasureDecision decision)
    {
        Leaving([.. InPrevention(), Prevented(10, measures: new Measure("m", decision, decision == MeasureDecision.WillDo ? new DateOnly(2027, 1, 31) : null))])
            .Then(new StageAdvanced(IncidentId, Stage.Prevention, Stage.Closed, Responder, Now));
    }

    [Fact]
    public void Exit_criteria_of_a_stage_report_met_and_unmet()
    {
        var s = Given([.. InPrevention(), Prevented(10, rootCause: "macros", policyUpdate: null)]).State;

        Assert.Equal([("root_cause_recorded", true), ("measure_decided", true), ("policy_update_flag_set", false)], s.ExitCriteria());
    }
}
