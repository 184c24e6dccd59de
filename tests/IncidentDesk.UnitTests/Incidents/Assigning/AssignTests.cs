using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Assigning;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Assigning;

public sealed class AssignTests : IncidentSpec
{
    [Fact]
    public void Assigning_an_unowned_incident_records_the_owner_without_a_previous_one()
    {
        Given(InTriage())
            .When(s => AssignHandler.Decide(s, Owner, Responder, Now))
            .Then(new IncidentAssigned(IncidentId, Owner, null, Responder, Now));
    }

    [Fact]
    public void Reassigning_records_the_previous_owner()
    {
        Given(InAnalysis())
            .When(s => AssignHandler.Decide(s, OtherOwner, Responder, Now))
            .Then(new IncidentAssigned(IncidentId, OtherOwner, Owner, Responder, Now));
    }

    [Fact]
    public void Reassigning_changes_the_owner()
    {
        var s = Given(InAnalysis()).When(s => AssignHandler.Decide(s, OtherOwner, Responder, Now)).State;

        Assert.Equal(OtherOwner, s.OwnerId);
    }

    [Fact]
    public void Assigning_the_current_owner_changes_nothing()
    {
        Given(InAnalysis())
            .When(s => AssignHandler.Decide(s, Owner, OtherResponder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void An_incident_can_be_assigned_while_still_in_detection()
    {
        Given(InDetection())
            .When(s => AssignHandler.Decide(s, Owner, Responder, Now))
            .Then(new IncidentAssigned(IncidentId, Owner, null, Responder, Now));
    }

    [Fact]
    public void Reassigning_a_closed_incident_is_refused()
    {
        Given(Closed())
            .When(s => AssignHandler.Decide(s, OtherOwner, Responder, Now))
            .ThenRuleViolated("incident_closed");
    }

    [Fact]
    public void Assigning_a_closed_incident_to_its_owner_changes_nothing()
    {
        Given(Closed())
            .When(s => AssignHandler.Decide(s, Owner, Responder, Now))
            .ThenNothingHappens();
    }
}
