using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Preventing;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Preventing;

public sealed class RecordPreventionTests : IncidentSpec
{
    private static readonly DateOnly YearEnd = new(2026, 12, 31);

    private static PreventionRequest Request(string? rootCause = "macros enabled", bool? policyUpdate = true, params MeasureRequest[] measures) =>
        new(rootCause, measures.Length == 0 ? [new MeasureRequest("block macros by policy", MeasureDecision.WillDo, YearEnd)] : measures, policyUpdate);

    [Fact]
    public void Recording_prevention_saves_root_cause_measures_and_the_policy_flag()
    {
        Given(InPrevention())
            .When(s => RecordPreventionHandler.Decide(s, RecordPreventionHandler.Validate(Request(" macros enabled ", false,
                new MeasureRequest(" block macros by policy ", MeasureDecision.WillDo, YearEnd),
                new MeasureRequest("phishing drill", MeasureDecision.Done, null),
                new MeasureRequest("new AV vendor", MeasureDecision.NotNeeded, null))), Responder, Now))
            .Then(new PreventionRecorded(IncidentId, "macros enabled",
                [
                    new Measure("block macros by policy", MeasureDecision.WillDo, YearEnd),
                    new Measure("phishing drill", MeasureDecision.Done, null),
                    new Measure("new AV vendor", MeasureDecision.NotNeeded, null),
                ], false, Responder, Now));
    }

    [Theory]
    [InlineData(MeasureDecision.Done)]
    [InlineData(MeasureDecision.NotNeeded)]
    public void A_deadline_is_kept_only_for_measures_that_will_be_done(MeasureDecision decision)
    {
        Given(InPrevention())
            .When(s => RecordPreventionHandler.Decide(s, RecordPreventionHandler.Validate(Request("x", true, new MeasureRequest("m", decision, YearEnd))), Responder, Now))
            .Then(new PreventionRecorded(IncidentId, "x", [new Measure("m", decision, null)], true, Responder, Now));
    }

    [Fact]
    public void A_prevention_record_can_be_saved_unfinished()
    {
        Given(InPrevention())
            .When(s => RecordPreventionHandler.Decide(s, RecordPreventionHandler.Validate(new PreventionRequest(" ", null, null)), Responder, Now))
            .Then(new PreventionRecorded(IncidentId, null, [], null, Responder, Now));
    }

    [Fact]
    public void Recording_the_same_prevention_twice_changes_nothing()
    {
        Given(ReadyToLeavePrevention())
            .When(s => RecordPreventionHandler.Decide(s, RecordPreventionHandler.Validate(Request()), OtherResponder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void Changing_a_deadline_records_the_prevention_again()
    {
        Given(ReadyToLeavePrevention())
            .When(s => RecordPreventionHandler.Decide(s,
                RecordPreventionHandler.Validate(Request(measures: new MeasureRequest("block macros by policy", MeasureDecision.WillDo, YearEnd.AddDays(31)))), Responder, Now))
            .Then(new PreventionRecorded(IncidentId, "macros enabled",
                [new Measure("block macros by policy", MeasureDecision.WillDo, YearEnd.AddDays(31))], true, Responder, Now));
    }

    [Theory]
    [InlineData(Stage.Detection)]
    [InlineData(Stage.Triage)]
    [InlineData(Stage.Analysis)]
    [InlineData(Stage.Recovery)]
    public void The_prevention_form_is_refused_outside_prevention(Stage stage)
    {
        Given(In(stage))
            .When(s => RecordPreventionHandler.Decide(s, RecordPreventionHandler.Validate(Request()), Responder, Now))
            .ThenRuleViolated("wrong_stage");
    }

    [Fact]
    public void The_prevention_form_is_refused_once_closed()
    {
        Given(Closed())
            .When(s => RecordPreventionHandler.Decide(s, RecordPreventionHandler.Validate(Request()), Responder, Now))
            .ThenRuleViolated("incident_closed");
    }

    // Validation (400)

    [Fact]
    public void A_measure_that_will_be_done_with_a_deadline_is_valid() => Validation.Passes(() => RecordPreventionHandler.Validate(Request()));

    [Fact]
    public void A_measure_that_will_be_done_needs_a_deadline()
    {
        Validation.Fails(() => RecordPreventionHandler.Validate(Request(measures: new MeasureRequest("block macros", MeasureDecision.WillDo, null))),
            "measures.0.deadline");
    }

    [Theory]
    [InlineData(MeasureDecision.Done)]
    [InlineData(MeasureDecision.NotNeeded)]
    public void Measures_already_done_or_not_needed_need_no_deadline(MeasureDecision decision) =>
        Validation.Passes(() => RecordPreventionHandler.Validate(Request(measures: new MeasureRequest("m", decision, null))));

    [Fact]
    public void Each_measure_needs_a_description_and_a_decision()
    {
        Validation.Fails(() => RecordPreventionHandler.Validate(Request(measures:
            [
                new MeasureRequest("ok", MeasureDecision.Done, null),
                new MeasureRequest(" ", MeasureDecision.Done, null),
                new MeasureRequest("no decision", null, null),
                null!,
            ])),
            "measures.1.description", "measures.2.decision", "measures.3");
    }

    [Fact]
    public void Text_and_count_limits_apply()
    {
        MeasureRequest[] Measures(int n) => [.. Enumerable.Range(0, n).Select(i => new MeasureRequest($"m{i}", MeasureDecision.Done, null))];

        Validation.Passes(() => RecordPreventionHandler.Validate(Request(new string('r', 4000), true, Measures(50))));
        Validation.Fails(() => RecordPreventionHandler.Validate(Request(new string('r', 4001), true, Measures(51))), "rootCause", "measures");
        Validation.Fails(() => RecordPreventionHandler.Validate(Request(measures: new MeasureRequest(new string('d', 1001), MeasureDecision.Done, null))),
            "measures.0.description");
    }
}
