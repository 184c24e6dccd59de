using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Advancing;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Advancing;

/// <summary>Stage order (R7). The exit criteria of each stage have their own file, ExitCriteriaTests.</summary>
public sealed class AdvanceStageTests : IncidentSpec
{
    public static TheoryData<Stage> OpenStages => [Stage.Detection, Stage.Triage, Stage.Analysis, Stage.Recovery, Stage.Prevention];

    private static IIncidentEvent[] ReadyToLeave(Stage stage) => stage switch
    {
        Stage.Detection => [Reported(), Acknowledged(1)],
        Stage.Triage => ReadyToLeaveTriage(),
        Stage.Analysis => ReadyToLeaveAnalysis(),
        Stage.Recovery => ReadyToLeaveRecovery(),
        Stage.Prevention => ReadyToLeavePrevention(),
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    [Theory]
    [MemberData(nameof(OpenStages))]
    public void A_stage_whose_exit_criteria_are_met_advances_to_the_next(Stage stage)
    {
        Given(ReadyToLeave(stage))
            .When(s => AdvanceStageHandler.Decide(s, stage + 1, Responder, Now))
            .Then(new StageAdvanced(IncidentId, stage, stage + 1, Responder, Now));
    }

    [Fact]
    public void Closing_an_incident_whose_prevention_is_complete_records_the_closing()
    {
        var s = Given(ReadyToLeavePrevention()).When(s => AdvanceStageHandler.Decide(s, Stage.Closed, Responder, Now)).State;

        Assert.Equal(Stage.Closed, s.Stage);
        Assert.Null(s.NextStage);
        Assert.Empty(s.ExitCriteria());
    }

    [Theory]
    [MemberData(nameof(OpenStages))]
    public void Advancing_to_the_current_stage_changes_nothing(Stage stage)
    {
        Given(In(stage))
            .When(s => AdvanceStageHandler.Decide(s, stage, Responder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void Closing_a_closed_incident_changes_nothing()
    {
        Given(Closed())
            .When(s => AdvanceStageHandler.Decide(s, Stage.Closed, Responder, Now))
            .ThenNothingHappens();
    }

    [Theory]
    [InlineData(Stage.Detection, Stage.Analysis)]
    [InlineData(Stage.Detection, Stage.Closed)]
    [InlineData(Stage.Triage, Stage.Recovery)]
    [InlineData(Stage.Analysis, Stage.Prevention)]
    [InlineData(Stage.Recovery, Stage.Closed)]
    public void Skipping_a_stage_is_refused_even_when_the_exit_criteria_are_met(Stage from, Stage to)
    {
        var violation = Given(ReadyToLeave(from))
            .When(s => AdvanceStageHandler.Decide(s, to, Responder, Now))
            .ThenRuleViolated("stage_order");

        Assert.Contains((from + 1).ToString().ToLowerInvariant(), violation.Rules[0].Message);
    }

    [Theory]
    [InlineData(Stage.Triage, Stage.Detection)]
    [InlineData(Stage.Analysis, Stage.Triage)]
    [InlineData(Stage.Recovery, Stage.Analysis)]
    [InlineData(Stage.Prevention, Stage.Recovery)]
    [InlineData(Stage.Prevention, Stage.Detection)]
    public void Going_back_a_stage_is_refused(Stage from, Stage to)
    {
        Given(ReadyToLeave(from))
            .When(s => AdvanceStageHandler.Decide(s, to, Responder, Now))
            .ThenRuleViolated("stage_order");
    }

    [Theory]
    [MemberData(nameof(OpenStages))]
    public void A_closed_incident_cannot_be_reopened_to_any_stage(Stage to)
    {
        Given(Closed())
            .When(s => AdvanceStageHandler.Decide(s, to, Responder, Now))
            .ThenRuleViolated("incident_closed");
    }

    [Fact]
    public void Stage_order_is_checked_before_exit_criteria()
    {
        // Otherwise a skip would be answered with a list of unmet criteria the responder cannot fix.
        Given(InTriage())
            .When(s => AdvanceStageHandler.Decide(s, Stage.Recovery, Responder, Now))
            .ThenRuleViolated("stage_order");
    }

    [Fact]
    public void A_full_walk_through_the_stages_visits_each_one_in_order()
    {
        var history = new List<IIncidentEvent>(InDetection());
        var at = 100;
        void Apply(Func<Incident, IReadOnlyList<IIncidentEvent>> decide) => history.AddRange(Given([.. history]).When(decide).Events);

        Apply(s => Api.Incidents.Acknowledging.AcknowledgeHandler.Decide(s, Responder, T(at++)));
        history.AddRange([Triaged(at++), Assigned(at++)]);
        Apply(s => AdvanceStageHandler.Decide(s, Stage.Analysis, Responder, T(at++)));
        history.Add(Analysed(at++));
        Apply(s => AdvanceStageHandler.Decide(s, Stage.Recovery, Responder, T(at++)));
        history.Add(Recovered(at++));
        Apply(s => AdvanceStageHandler.Decide(s, Stage.Prevention, Responder, T(at++)));
        history.Add(Prevented(at++));
        Apply(s => AdvanceStageHandler.Decide(s, Stage.Closed, Responder, T(at++)));

        Assert.Equal(
            [(Stage.Detection, Stage.Triage), (Stage.Triage, Stage.Analysis), (Stage.Analysis, Stage.Recovery),
             (Stage.Recovery, Stage.Prevention), (Stage.Prevention, Stage.Closed)],
            history.OfType<StageAdvanced>().Select(e => (e.From, e.To)));
    }
}
