using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Reclassifying;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Reclassifying;

public sealed class ReclassifyTests : IncidentSpec
{
    [Fact]
    public void Reclassifying_records_from_to_and_the_trimmed_reason()
    {
        Given(InTriage())
            .When(s => ReclassifyHandler.Decide(s, Category.C2, "  files are encrypted ", Responder, Now))
            .Then(new IncidentReclassified(IncidentId, Category.C1, Category.C2, "files are encrypted", Responder, Now));
    }

    [Fact]
    public void Reclassifying_changes_the_category()
    {
        var s = Given(Reported(Category.Unknown)).When(s => ReclassifyHandler.Decide(s, Category.C8, "fax to wrong number", Responder, Now)).State;

        Assert.Equal(Category.C8, s.Category);
        Assert.Equal(Now, s.UpdatedAt);
    }

    [Fact]
    public void Reclassifying_to_the_same_category_changes_nothing()
    {
        Given(InTriage())
            .When(s => ReclassifyHandler.Decide(s, Category.C1, "still malware", Responder, Now))
            .ThenNothingHappens();
    }

    [Theory]
    [InlineData(Stage.Detection)]
    [InlineData(Stage.Triage)]
    [InlineData(Stage.Analysis)]
    [InlineData(Stage.Recovery)]
    [InlineData(Stage.Prevention)]
    public void Reclassifying_is_allowed_in_every_open_stage(Stage stage)
    {
        Given(In(stage))
            .When(s => ReclassifyHandler.Decide(s, Category.C6, "it was a break-in", Responder, Now))
            .Then(new IncidentReclassified(IncidentId, Category.C1, Category.C6, "it was a break-in", Responder, Now));
    }

    [Fact]
    public void Reclassifying_a_closed_incident_is_refused()
    {
        Given(Closed())
            .When(s => ReclassifyHandler.Decide(s, Category.C6, "hindsight", Responder, Now))
            .ThenRuleViolated("incident_closed");
    }

    [Fact]
    public void Reclassifying_a_closed_incident_to_its_own_category_changes_nothing()
    {
        Given(Closed())
            .When(s => ReclassifyHandler.Decide(s, Category.C1, "confirm", Responder, Now))
            .ThenNothingHappens();
    }
}
