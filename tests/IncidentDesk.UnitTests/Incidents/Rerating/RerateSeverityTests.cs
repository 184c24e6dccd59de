using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Rerating;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Rerating;

public sealed class RerateSeverityTests : IncidentSpec
{
    [Fact]
    public void Rerating_computes_severity_from_the_new_inputs_and_records_from_to_and_reason()
    {
        Given(InAnalysis())
            .When(s => RerateSeverityHandler.Decide(s,
                RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Confidential, Impact.Serious, true, "  customer list was on the share ")),
                Responder, Now))
            .Then(new SeverityRerated(IncidentId, InfoClass.Confidential, Impact.Serious, true,
                Severity.Medium, Severity.Critical, "customer list was on the share", Responder, Now));
    }

    [Fact]
    public void Rerating_can_lower_the_severity()
    {
        Given([.. InTriage(), Triaged(3, InfoClass.Confidential, Impact.ExtremelySerious, personalData: true, severity: Severity.Critical)])
            .When(s => RerateSeverityHandler.Decide(s, RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Public, Impact.Minor, false, "false alarm")), Responder, Now))
            .Then(new SeverityRerated(IncidentId, InfoClass.Public, Impact.Minor, false,
                Severity.Critical, Severity.Low, "false alarm", Responder, Now));
    }

    [Fact]
    public void Rerating_keeps_the_triage_answer_on_harm_to_users()
    {
        // The re-rate form does not ask about harm to users; triage's answer still raises the severity.
        Given([.. InTriage(), Triaged(3, InfoClass.Public, Impact.Minor, usersMayBeHarmed: true, severity: Severity.Medium)])
            .When(s => RerateSeverityHandler.Decide(s, RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Business, Impact.Minor, false, "internal data")), Responder, Now))
            .Then(new SeverityRerated(IncidentId, InfoClass.Business, Impact.Minor, false,
                Severity.Medium, Severity.High, "internal data", Responder, Now));
    }

    [Fact]
    public void Rerating_twice_chains_from_the_last_rating()
    {
        Given([.. InAnalysis(), Rerated(6, InfoClass.Confidential, Impact.Serious, false, Severity.Medium, Severity.High)])
            .When(s => RerateSeverityHandler.Decide(s, RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Confidential, Impact.ExtremelySerious, true, "spreading")), Responder, Now))
            .Then(new SeverityRerated(IncidentId, InfoClass.Confidential, Impact.ExtremelySerious, true,
                Severity.High, Severity.Critical, "spreading", Responder, Now));
    }

    [Fact]
    public void Rerating_updates_severity_and_the_triage_facts()
    {
        var s = Given(InAnalysis())
            .When(s => RerateSeverityHandler.Decide(s, RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Confidential, Impact.Serious, false, "why")), Responder, Now))
            .State;

        Assert.Equal(Severity.High, s.Severity);
        Assert.Equal(Severity.High, s.Triage!.Severity);
        Assert.Equal(InfoClass.Confidential, s.Triage.InfoClass);
        Assert.Equal(T(3), s.Triage.TriagedAt);
        Assert.Equal(Now, s.UpdatedAt);
    }

    [Fact]
    public void Rerating_with_the_current_inputs_changes_nothing()
    {
        Given(InAnalysis())
            .When(s => RerateSeverityHandler.Decide(s, RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Business, Impact.Serious, false, "just checking")), Responder, Now))
            .ThenNothingHappens();
    }

    [Theory]
    [InlineData(Stage.Detection)]
    [InlineData(Stage.Triage)]
    public void Rerating_before_triage_is_refused(Stage stage)
    {
        Given(In(stage))
            .When(s => RerateSeverityHandler.Decide(s, RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Business, Impact.Serious, false, "early")), Responder, Now))
            .ThenRuleViolated("not_triaged");
    }

    [Theory]
    [InlineData(Stage.Triage)]
    [InlineData(Stage.Analysis)]
    [InlineData(Stage.Recovery)]
    [InlineData(Stage.Prevention)]
    public void Rerating_is_allowed_in_every_open_stage_after_triage(Stage stage)
    {
        var history = stage == Stage.Triage ? ReadyToLeaveTriage() : In(stage);

        Given(history)
            .When(s => RerateSeverityHandler.Decide(s, RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Public, Impact.Minor, false, "smaller")), Responder, Now))
            .Then(new SeverityRerated(IncidentId, InfoClass.Public, Impact.Minor, false, Severity.Medium, Severity.Low, "smaller", Responder, Now));
    }

    [Fact]
    public void Rerating_a_closed_incident_is_refused()
    {
        Given(Closed())
            .When(s => RerateSeverityHandler.Decide(s, RerateSeverityHandler.Validate(new RerateSeverityRequest(InfoClass.Public, Impact.Minor, false, "late")), Responder, Now))
            .ThenRuleViolated("incident_closed");
    }
}
