using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Triaging;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Triaging;

public sealed class TriageTests : IncidentSpec
{
    private static TriageRequest Request(
        InfoClass info = InfoClass.Business, Impact impact = Impact.Serious, bool personalData = false,
        bool usersMayBeHarmed = false, bool leaking = false, string[]? actions = null, Guid? owner = null) =>
        new(info, impact, personalData, usersMayBeHarmed, leaking, actions ?? ["Pulled the LAN cable"], owner);

    [Fact]
    public void Triaging_records_the_assessment_with_a_derived_severity_and_assigns_the_owner()
    {
        Given(InTriage())
            .When(s => TriageHandler.Decide(s,
                TriageHandler.Validate(Request(InfoClass.Confidential, Impact.Minor, personalData: true, leaking: true,
                    actions: ["  Closed the website ", "Moved data to an offline PC"], owner: Owner)),
                Responder, Now))
            .Then(
                new IncidentTriaged(IncidentId, InfoClass.Confidential, Impact.Minor, true, false, true,
                    ["Closed the website", "Moved data to an offline PC"], Severity.Critical, Responder, Now),
                new IncidentAssigned(IncidentId, Owner, null, Responder, Now));
    }

    [Fact]
    public void Triaging_without_an_owner_leaves_ownership_alone()
    {
        Given(InTriage())
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request(owner: null)), Responder, Now))
            .Then(new IncidentTriaged(IncidentId, InfoClass.Business, Impact.Serious, false, false, false,
                ["Pulled the LAN cable"], Severity.Medium, Responder, Now));
    }

    [Fact]
    public void Triaging_with_no_containment_actions_records_an_empty_list()
    {
        Given(InTriage())
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request() with { ContainmentActions = null }), Responder, Now))
            .Then(new IncidentTriaged(IncidentId, InfoClass.Business, Impact.Serious, false, false, false,
                [], Severity.Medium, Responder, Now));
    }

    [Fact]
    public void Triaging_the_same_way_twice_changes_nothing()
    {
        Given([.. InTriage(), Triaged(3), Assigned(4)])
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request(actions: [" Pulled the LAN cable "], owner: Owner)), Responder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void Triaging_the_same_way_with_another_owner_only_reassigns()
    {
        Given([.. InTriage(), Triaged(3), Assigned(4)])
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request(owner: OtherOwner)), Responder, Now))
            .Then(new IncidentAssigned(IncidentId, OtherOwner, Owner, Responder, Now));
    }

    [Fact]
    public void Triaging_again_with_new_answers_records_a_new_assessment()
    {
        Given([.. InTriage(), Triaged(3)])
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request(usersMayBeHarmed: true)), Responder, Now))
            .Then(new IncidentTriaged(IncidentId, InfoClass.Business, Impact.Serious, false, true, false,
                ["Pulled the LAN cable"], Severity.High, Responder, Now));
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, false)]
    [InlineData(false, true, false, false)]
    [InlineData(false, false, true, false)]
    [InlineData(false, false, false, true)]
    public void Any_changed_answer_counts_as_a_new_assessment(bool personalData, bool harmed, bool leaking, bool otherActions)
    {
        var request = Request(personalData: personalData, usersMayBeHarmed: harmed, leaking: leaking,
            actions: otherActions ? ["Pulled the LAN cable", "Reset the password"] : null);
        var changed = personalData || harmed || leaking || otherActions;

        var events = Given([.. InTriage(), Triaged(3)]).When(s => TriageHandler.Decide(s, TriageHandler.Validate(request), Responder, Now)).Events;

        Assert.Equal(changed ? 1 : 0, events.Count);
    }

    [Fact]
    public void Triage_reflects_a_later_rerating_so_triaging_with_the_rerated_answers_changes_nothing()
    {
        Given([.. ReadyToLeaveTriage(), Rerated(5, InfoClass.Confidential, Impact.Serious, false, Severity.Medium, Severity.High)])
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request(InfoClass.Confidential, owner: Owner)), Responder, Now))
            .ThenNothingHappens();
    }

    [Theory]
    [InlineData(Stage.Detection)]
    [InlineData(Stage.Analysis)]
    [InlineData(Stage.Recovery)]
    [InlineData(Stage.Prevention)]
    public void The_triage_form_is_refused_outside_triage(Stage stage)
    {
        Given(In(stage))
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request(owner: Owner)), Responder, Now))
            .ThenRuleViolated("wrong_stage");
    }

    [Fact]
    public void The_triage_form_is_refused_once_closed()
    {
        Given(Closed())
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request(owner: Owner)), Responder, Now))
            .ThenRuleViolated("incident_closed");
    }

    [Fact]
    public void Triaging_moves_the_incident_closer_to_leaving_triage()
    {
        var s = Given(InTriage()).When(s => TriageHandler.Decide(s, TriageHandler.Validate(Request(owner: Owner)), Responder, Now)).State;

        Assert.Equal(Severity.Medium, s.Severity);
        Assert.Equal(Owner, s.OwnerId);
        Assert.All(s.ExitCriteria(), c => Assert.True(c.Met, c.Code));
        Assert.Equal(Now, s.Triage!.TriagedAt);
        Assert.Equal(Responder, s.Triage.TriagedBy);
    }

    // Validation (400)

    [Fact]
    public void A_complete_triage_is_valid() => Validation.Passes(() => TriageHandler.Validate(Request(owner: Owner)));

    [Fact]
    public void Every_assessment_question_must_be_answered()
    {
        Validation.Fails(() => TriageHandler.Validate(new TriageRequest(null, null, null, null, null, null, null)),
            "infoClass", "impact", "personalDataInvolved", "usersMayBeHarmed", "dataMayBeLeaking");
    }

    [Fact]
    public void Containment_actions_and_owner_are_optional() =>
        Validation.Passes(() => TriageHandler.Validate(Request() with { ContainmentActions = null, OwnerId = null }));

    [Fact]
    public void At_most_twenty_containment_actions_of_at_most_500_characters()
    {
        string[] Actions(int n) => [.. Enumerable.Range(0, n).Select(i => $"action {i}")];

        Validation.Passes(() => TriageHandler.Validate(Request(actions: [.. Actions(19), new string('a', 500)])));
        Validation.Fails(() => TriageHandler.Validate(Request(actions: Actions(21))), "containmentActions");
        Validation.Fails(() => TriageHandler.Validate(Request(actions: ["ok", new string('a', 501)])), "containmentActions.1");
    }

    [Fact]
    public void A_blank_containment_action_is_refused() =>
        Validation.Fails(() => TriageHandler.Validate(Request(actions: ["ok", "  ", null!])), "containmentActions.1", "containmentActions.2");
}
