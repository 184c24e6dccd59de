using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Acknowledging;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Acknowledging;

public sealed class AcknowledgeTests : IncidentSpec
{
    [Fact]
    public void Acknowledging_a_new_report_records_who_and_when_and_starts_triage()
    {
        Given(Reported())
            .When(s => AcknowledgeHandler.Decide(s, Responder, Now))
            .Then(
                new IncidentAcknowledged(IncidentId, Responder, Now),
                new StageAdvanced(IncidentId, Stage.Detection, Stage.Triage, Responder, Now));
    }

    [Fact]
    public void Acknowledging_makes_the_reporting_delay_measurable()
    {
        var s = Given(Reported()).When(s => AcknowledgeHandler.Decide(s, Responder, Now)).State;

        Assert.Equal(NoticedAt, s.NoticedAt);
        Assert.Equal(ReportedAt, s.ReportedAt);
        Assert.Equal(Now, s.AcknowledgedAt);
        Assert.Equal(Responder, s.AcknowledgedBy);
        Assert.Equal(Stage.Triage, s.Stage);
    }

    [Fact]
    public void Acknowledging_twice_changes_nothing()
    {
        Given(InTriage())
            .When(s => AcknowledgeHandler.Decide(s, OtherResponder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void Acknowledging_keeps_the_first_acknowledgement()
    {
        var s = Given(InTriage()).When(s => AcknowledgeHandler.Decide(s, OtherResponder, Now)).State;

        Assert.Equal(T(1), s.AcknowledgedAt);
        Assert.Equal(Responder, s.AcknowledgedBy);
    }

    [Fact]
    public void Acknowledging_a_closed_incident_changes_nothing()
    {
        Given(Closed())
            .When(s => AcknowledgeHandler.Decide(s, Responder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void Acknowledging_an_unacknowledged_incident_past_detection_only_records_the_acknowledgement()
    {
        // Not reachable through the API today (detection's only exit criterion is acknowledgement), but a
        // stream may hold it; acknowledging must not move the stage a second time.
        Given(Reported(), MovedOn(Stage.Detection, Stage.Triage, 1))
            .When(s => AcknowledgeHandler.Decide(s, Responder, Now))
            .Then(new IncidentAcknowledged(IncidentId, Responder, Now));
    }

    [Fact]
    public void Acknowledging_an_incident_left_in_detection_after_acknowledgement_changes_nothing()
    {
        Given(Reported(), Acknowledged(1))
            .When(s => AcknowledgeHandler.Decide(s, Responder, Now))
            .ThenNothingHappens();
    }
}
