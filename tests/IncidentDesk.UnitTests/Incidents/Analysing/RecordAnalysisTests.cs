using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Analysing;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Analysing;

public sealed class RecordAnalysisTests : IncidentSpec
{
    private static FiveWValue V(string value) => new(value, false);

    private static readonly FiveWValue Unknown = new(null, true);

    private static AnalysisRequest Complete() => new(
        V("a contractor's laptop"), V("file server encrypted"), V("2026-11-20 08:40"), V("Osaka office"), Unknown,
        V("phishing attachment"), "shared drive unreadable", "12 PCs", "FS-01", "macro in a mail attachment",
        "reimage and restore");

    [Fact]
    public void Recording_the_analysis_saves_5W1H_damage_scale_assets_cause_and_countermeasures()
    {
        Given(InAnalysis())
            .When(s => RecordAnalysisHandler.Decide(s, RecordAnalysisHandler.Validate(Complete()), Responder, Now))
            .Then(new AnalysisRecorded(IncidentId, AllAnswered(), "shared drive unreadable", "12 PCs", "FS-01",
                "macro in a mail attachment", "reimage and restore", Responder, Now));
    }

    [Fact]
    public void Recording_the_analysis_trims_text_and_stores_blank_answers_as_missing()
    {
        var request = new AnalysisRequest(V("  someone  "), V("   "), null, Unknown, new FiveWValue("", false), null,
            " lots ", "\t", null, "", "  wipe ");

        Given(InAnalysis())
            .When(s => RecordAnalysisHandler.Decide(s, RecordAnalysisHandler.Validate(request), Responder, Now))
            .Then(new AnalysisRecorded(IncidentId,
                new FiveW1H(Known("someone"), Unanswered, Unanswered, NotKnown, Unanswered, Unanswered),
                "lots", null, null, null, "wipe", Responder, Now));
    }

    [Fact]
    public void A_partial_analysis_can_be_saved_while_working()
    {
        var partial = new AnalysisRequest(V("someone"), null, null, null, null, null, null, null, null, null, null);

        Given(InAnalysis())
            .When(s => RecordAnalysisHandler.Decide(s, RecordAnalysisHandler.Validate(partial), Responder, Now))
            .Then(new AnalysisRecorded(IncidentId,
                new FiveW1H(Known("someone"), Unanswered, Unanswered, Unanswered, Unanswered, Unanswered),
                null, null, null, null, null, Responder, Now));
    }

    [Fact]
    public void Recording_the_same_analysis_twice_changes_nothing()
    {
        Given(ReadyToLeaveAnalysis())
            .When(s => RecordAnalysisHandler.Decide(s, RecordAnalysisHandler.Validate(Complete() with { Damage = "  shared drive unreadable " }), Responder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void Changing_one_answer_records_the_whole_analysis_again()
    {
        Given(ReadyToLeaveAnalysis())
            .When(s => RecordAnalysisHandler.Decide(s, RecordAnalysisHandler.Validate(Complete() with { Why = V("macros enabled") }), Responder, Now))
            .Then(new AnalysisRecorded(IncidentId, AllAnswered() with { Why = Known("macros enabled") },
                "shared drive unreadable", "12 PCs", "FS-01", "macro in a mail attachment", "reimage and restore", Responder, Now));
    }

    [Theory]
    [InlineData(Stage.Detection)]
    [InlineData(Stage.Triage)]
    [InlineData(Stage.Recovery)]
    [InlineData(Stage.Prevention)]
    public void The_analysis_form_is_refused_outside_analysis(Stage stage)
    {
        Given(In(stage))
            .When(s => RecordAnalysisHandler.Decide(s, RecordAnalysisHandler.Validate(Complete()), Responder, Now))
            .ThenRuleViolated("wrong_stage");
    }

    [Fact]
    public void The_analysis_form_is_refused_once_closed()
    {
        Given(Closed())
            .When(s => RecordAnalysisHandler.Decide(s, RecordAnalysisHandler.Validate(Complete()), Responder, Now))
            .ThenRuleViolated("incident_closed");
    }

    // Validation (400)

    [Fact]
    public void A_complete_analysis_is_valid() => Validation.Passes(() => RecordAnalysisHandler.Validate(Complete()));

    [Fact]
    public void An_empty_analysis_is_valid_because_partial_saves_are_allowed() =>
        Validation.Passes(() => RecordAnalysisHandler.Validate(new AnalysisRequest(null, null, null, null, null, null, null, null, null, null, null)));

    [Fact]
    public void A_5W1H_answer_cannot_have_a_value_and_be_marked_unknown()
    {
        Validation.Fails(() => RecordAnalysisHandler.Validate(Complete() with
        {
            Who = new FiveWValue("someone", true),
            How = new FiveWValue("somehow", true),
        }), "who.unknown", "how.unknown");
    }

    [Fact]
    public void Marked_unknown_with_a_blank_value_is_valid() =>
        Validation.Passes(() => RecordAnalysisHandler.Validate(Complete() with { Where = new FiveWValue("  ", true) }));

    [Fact]
    public void Texts_over_4000_characters_are_refused()
    {
        var tooLong = new string('x', 4001);
        var justFits = new string('x', 4000);

        Validation.Passes(() => RecordAnalysisHandler.Validate(Complete() with { When = V(justFits), Damage = justFits }));
        Validation.Fails(() => RecordAnalysisHandler.Validate(Complete() with
        {
            When = V(tooLong), Damage = tooLong, Scale = tooLong, AffectedAssets = tooLong, Cause = tooLong, Countermeasures = tooLong,
        }), "when.value", "damage", "scale", "affectedAssets", "cause", "countermeasures");
    }
}
