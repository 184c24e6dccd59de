using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Advancing;
using IncidentDesk.Api.Playbooks;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Playbooks.TestPlaybooks;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// A stage cannot be left while a required step of it that applies is still open. The 409 lists each such step
/// as a rule "required_step_open" carrying the step id, after the stage's ordinary exit criteria.
/// </summary>
public sealed class StageGateTests : IncidentSpec
{
    private static readonly Playbook Book = WorkBook;

    private static Func<Incident, IReadOnlyList<IIncidentEvent>> MoveOn(Stage to) =>
        s => AdvanceStageHandler.Decide(s, to, Responder, Now, Book);

    /// <summary>The step ids of the rules with <paramref name="code"/>; "-" for a rule naming no step.</summary>
    private static string[] StepsOf(RuleViolated violation, string code = "required_step_open") =>
        violation.Rules.Where(r => r.Code == code).Select(r => r.Step ?? "-").ToArray();

    [Fact]
    public void Leaving_triage_with_open_required_steps_is_refused_listing_each_step()
    {
        var violation = Given(Pinned(ReadyToLeaveTriage()))
            .When(MoveOn(Stage.Analysis))
            .ThenRuleViolated("required_step_open", "required_step_open");

        Assert.Equal(["record-device", "decide-stoppage"], StepsOf(violation));
        Assert.Contains("(record-device)", violation.Rules[0].Message);
        Assert.Contains("Step record-device", violation.Rules[0].Message);
        Assert.Contains("cannot leave triage", violation.Rules[1].Message);
    }

    [Fact]
    public void Open_steps_are_listed_together_with_the_unmet_exit_criteria()
    {
        var violation = Given(Pinned(InTriage()))
            .When(MoveOn(Stage.Analysis))
            .ThenRuleViolated("severity_rated", "owner_assigned", "harm_and_leak_assessed", "required_step_open", "required_step_open");

        Assert.Equal(["-", "-", "-", "record-device", "decide-stoppage"], violation.Rules.Select(r => r.Step ?? "-"));
    }

    [Fact]
    public void Leaving_detection_needs_its_required_steps_too()
    {
        var violation = Given(Pinned([Reported(), Acknowledged(1)]))
            .When(MoveOn(Stage.Triage))
            .ThenRuleViolated("required_step_open", "required_step_open");

        Assert.Equal(["report-at-once", "confirm-disconnected"], StepsOf(violation));
    }

    [Theory]
    [InlineData(Stage.Analysis, "identify-scope")]
    [InlineData(Stage.Recovery, "restore")]
    [InlineData(Stage.Prevention, "patch-everything")]
    public void Each_stage_is_gated_by_its_own_required_steps_only(Stage stage, string step)
    {
        IIncidentEvent[] ready = stage switch
        {
            Stage.Analysis => ReadyToLeaveAnalysis(),
            Stage.Recovery => ReadyToLeaveRecovery(),
            _ => ReadyToLeavePrevention(),
        };

        var violation = Given(Pinned(ready)).When(MoveOn(stage + 1)).ThenRuleViolated("required_step_open");

        Assert.Equal([step], StepsOf(violation));
    }

    [Fact]
    public void Optional_steps_never_block()
    {
        // engage-specialists (analysis) and restore-drill (prevention) are optional and stay open.
        Given(Pinned([.. ReadyToLeaveAnalysis(), Completed("identify-scope", 7)]))
            .When(MoveOn(Stage.Recovery))
            .Then(new StageAdvanced(IncidentId, Stage.Analysis, Stage.Recovery, Responder, Now));
        Given(Pinned([.. ReadyToLeavePrevention(), Completed("patch-everything", 11)]))
            .When(MoveOn(Stage.Closed))
            .Then(new StageAdvanced(IncidentId, Stage.Prevention, Stage.Closed, Responder, Now));
    }

    [Fact]
    public void Steps_whose_condition_does_not_hold_do_not_block()
    {
        // Triage found no leak and no harm: protect-backups and tell-users do not apply.
        var s = Given(Pinned(ReadyToLeaveTriage())).State;

        var lines = Checklist.Lines(s, Book, []).Where(l => l.Step.Stage == Stage.Triage).ToList();

        Assert.False(lines.Single(l => l.Step.Id == "protect-backups").Applies);
        Assert.False(lines.Single(l => l.Step.Id == "tell-users").Applies);
        Assert.Equal(["record-device", "decide-stoppage"], Checklist.Blocking(s, Book, Stage.Triage).Select(l => l.Step.Id));
    }

    [Fact]
    public void Steps_whose_condition_holds_block_like_any_other()
    {
        var violation = Given(Pinned([.. InTriage(), Triaged(3, usersMayBeHarmed: true, leaking: true), Assigned(4)]))
            .When(MoveOn(Stage.Analysis))
            .ThenRuleViolated("required_step_open", "required_step_open", "required_step_open", "required_step_open");

        Assert.Equal(["record-device", "protect-backups", "tell-users", "decide-stoppage"], StepsOf(violation));
    }

    [Fact]
    public void After_its_required_steps_are_completed_the_stage_can_be_left()
    {
        Given(Pinned([
                .. ReadyToLeaveTriage(),
                Completed("record-device", 5, "PC-0815"),
                Completed("decide-stoppage", 6, "no stoppage", by: ExecutiveId),
            ]))
            .When(MoveOn(Stage.Analysis))
            .Then(new StageAdvanced(IncidentId, Stage.Triage, Stage.Analysis, Responder, Now));
    }

    [Fact]
    public void Skipped_steps_and_waivers_do_not_block()
    {
        Given(Pinned([.. ReadyToLeaveTriage(), Skipped("record-device", 5), Skipped("decide-stoppage", 6, waiver: true)]))
            .When(MoveOn(Stage.Analysis))
            .Then(new StageAdvanced(IncidentId, Stage.Triage, Stage.Analysis, Responder, Now));
    }

    [Fact]
    public void A_reopened_step_blocks_again()
    {
        var violation = Given(Pinned([
                .. ReadyToLeaveTriage(),
                Completed("record-device", 5, "PC-0815"),
                Completed("decide-stoppage", 6, "no stoppage", by: ExecutiveId),
                new StepReopened(IncidentId, "work-book", "record-device", "wrong PC", Responder, T(7)),
            ]))
            .When(MoveOn(Stage.Analysis))
            .ThenRuleViolated("required_step_open");

        Assert.Equal(["record-device"], StepsOf(violation));
    }

    [Fact]
    public void Personal_data_found_during_analysis_makes_its_step_appear_and_block()
    {
        IIncidentEvent[] analysed = Pinned([.. ReadyToLeaveAnalysis(), Completed("identify-scope", 7)]);
        var before = Given(analysed);
        Assert.False(Checklist.Lines(before.State, Book, []).Single(l => l.Step.Id == "tell-privacy-office").Applies);
        before.When(MoveOn(Stage.Recovery)).Then(new StageAdvanced(IncidentId, Stage.Analysis, Stage.Recovery, Responder, Now));

        var after = Given([.. analysed,
            Rerated(8, InfoClass.Confidential, Impact.Serious, personalData: true, Severity.Medium, Severity.High, "customer list on the PC")]);

        var line = Checklist.Lines(after.State, Book, []).Single(l => l.Step.Id == "tell-privacy-office");
        Assert.True(line.Applies);
        Assert.True(line.Blocks);
        var violation = after.When(MoveOn(Stage.Recovery)).ThenRuleViolated("required_step_open");
        Assert.Equal(["tell-privacy-office"], StepsOf(violation));
    }

    [Fact]
    public void A_step_that_no_longer_applies_stops_blocking()
    {
        // The reporter feared personal data; triage found none.
        var reportedWithPersonalData = Pinned([Reported(personalData: true), Acknowledged(1), MovedOn(Stage.Detection, Stage.Triage, 1),
            Triaged(3, personalData: true), Assigned(4), MovedOn(Stage.Triage, Stage.Analysis, 5), Analysed(6), Completed("identify-scope", 7)]);
        Given(reportedWithPersonalData).When(MoveOn(Stage.Recovery)).ThenRuleViolated("required_step_open");

        Given([.. reportedWithPersonalData,
                Rerated(8, InfoClass.Business, Impact.Serious, personalData: false, Severity.Medium, Severity.Medium, "no customer data after all")])
            .When(MoveOn(Stage.Recovery))
            .Then(new StageAdvanced(IncidentId, Stage.Analysis, Stage.Recovery, Responder, Now));
    }

    [Fact]
    public void Without_a_playbook_only_the_exit_criteria_gate_the_stage()
    {
        Given(Pinned(ReadyToLeaveTriage()))
            .When(s => AdvanceStageHandler.Decide(s, Stage.Analysis, Responder, Now))
            .Then(new StageAdvanced(IncidentId, Stage.Triage, Stage.Analysis, Responder, Now));
    }

    [Fact]
    public void Asking_for_the_current_stage_changes_nothing_even_with_open_steps()
    {
        Given(Pinned(InTriage())).When(MoveOn(Stage.Triage)).ThenNothingHappens();
    }
}
