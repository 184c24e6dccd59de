using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Advancing;
using IncidentDesk.Api.Incidents.Reclassifying;
using IncidentDesk.Api.Incidents.WorkingSteps;
using IncidentDesk.Api.Playbooks;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Playbooks.TestPlaybooks;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// An incident on playbook A (malware, C1) is reclassified to playbook B (ransomware, C2). B's steps become the
/// checklist; a step id both share keeps what was done; steps done under A that B lacks stay visible as history
/// and never gate a stage.
/// </summary>
public sealed class ReclassificationMergeTests : IncidentSpec
{
    private static readonly Playbook A = Parse(Yaml("book-a", "C1", 1,
        Step("a-detect", "detection"),
        Step("isolate-device", "triage"),
        Step("a-scan-network", "triage"),
        Step("a-check-mail-logs", "triage", grade: "推奨"),
        Step("a-ask-vendor", "triage"),
        Step("a-analyse", "analysis"),
        Step("a-recover", "recovery"),
        Step("a-prevent", "prevention")), "book-a.yaml");

    private static readonly Playbook B = Parse(Yaml("book-b", "C2", 1,
        Step("b-detect", "detection"),
        Step("isolate-device", "triage"),
        Step("protect-backups", "triage"),
        Step("share-with-jpcert", "triage", kind: "notify", required: false, party: "{ ja: JPCERT/CC, en: JPCERT/CC }"),
        Step("b-analyse", "analysis"),
        Step("b-recover", "recovery"),
        Step("b-prevent", "prevention")), "book-b.yaml");

    /// <summary>Ready to leave triage on A, with isolate-device and a-scan-network done and a-check-mail-logs skipped.</summary>
    private static IIncidentEvent[] WorkedOnA() =>
    [
        .. Pinned(ReadyToLeaveTriage(), Pin(A)),
        Completed("isolate-device", 5, "PC-0815 unplugged", playbookId: "book-a"),
        Completed("a-scan-network", 6, "no other infected PCs", playbookId: "book-a"),
        Skipped("a-check-mail-logs", 7, playbookId: "book-a"),
    ];

    private static readonly IncidentReclassified ToRansomware =
        new(IncidentId, Category.C1, Category.C2, "files are encrypted", Responder, T(8)) { Playbook = Pin(B) };

    private static Incident Reclassified() => new Scenario([.. WorkedOnA(), ToRansomware]).State;

    private static IReadOnlyList<ChecklistLine> Lines(Incident s) => Checklist.Lines(s, B, [A]);

    [Fact]
    public void Reclassifying_pins_B_and_keeps_every_step_done_under_A()
    {
        var s = Given(WorkedOnA())
            .When(s => ReclassifyHandler.Decide(s, Category.C2, "files are encrypted", Responder, T(8), Pin(B)))
            .Then(ToRansomware)
            .State;

        Assert.Equal([Pin(A), Pin(B)], s.Playbooks);
        Assert.Equal(Pin(B), s.ActivePlaybook);
        Assert.Equal(["a-check-mail-logs", "a-scan-network", "isolate-device"], s.Steps.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_checklist_lists_Bs_steps_first_in_Bs_order()
    {
        var lines = Lines(Reclassified());

        Assert.Equal(B.Steps.Select(x => x.Id), lines.Take(B.Steps.Count).Select(l => l.Step.Id));
        Assert.All(lines.Take(B.Steps.Count), l =>
        {
            Assert.Same(B, l.Playbook);
            Assert.False(l.FromEarlierPlaybook);
        });
    }

    [Fact]
    public void A_step_id_present_in_both_playbooks_keeps_its_completed_status()
    {
        var line = Assert.Single(Lines(Reclassified()), l => l.Step.Id == "isolate-device");

        Assert.Same(B, line.Playbook);
        Assert.Equal(StepStatus.Completed, line.Status);
        Assert.Equal("PC-0815 unplugged", line.Facts!.Evidence);
        Assert.Equal("book-a", line.Facts.PlaybookId);
        Assert.False(line.Blocks);
    }

    [Fact]
    public void Steps_done_under_A_that_B_lacks_are_listed_after_Bs_steps_as_from_the_earlier_playbook()
    {
        var lines = Lines(Reclassified());

        var earlier = lines.Skip(B.Steps.Count).ToList();
        Assert.Equal(["a-scan-network", "a-check-mail-logs"], earlier.Select(l => l.Step.Id));
        Assert.All(earlier, l =>
        {
            Assert.True(l.FromEarlierPlaybook);
            Assert.Same(A, l.Playbook);
            Assert.True(l.Applies);
            Assert.False(l.Blocks);
        });
        Assert.Equal([StepStatus.Completed, StepStatus.Skipped], earlier.Select(l => l.Status));
    }

    [Fact]
    public void Steps_of_A_never_worked_disappear_with_A()
    {
        var ids = Lines(Reclassified()).Select(l => l.Step.Id).ToList();

        Assert.DoesNotContain("a-detect", ids);
        Assert.DoesNotContain("a-ask-vendor", ids);
    }

    [Fact]
    public void A_line_from_the_earlier_playbook_never_blocks_even_if_it_were_open()
    {
        var s = Reclassified();
        var earlierOpen = new ChecklistLine(A, A.Step("a-ask-vendor")!, null, Applies: true, FromEarlierPlaybook: true);

        Assert.False(earlierOpen.Blocks);
        Assert.DoesNotContain(Checklist.Blocking(s, B, Stage.Triage), l => l.Step.Id.StartsWith("a-", StringComparison.Ordinal));
    }

    [Fact]
    public void Bs_open_required_steps_block_their_stage()
    {
        var s = Reclassified();

        Assert.Equal(["protect-backups"], Checklist.Blocking(s, B, Stage.Triage).Select(l => l.Step.Id));
        Assert.Equal(["b-detect"], Checklist.Blocking(s, B, Stage.Detection).Select(l => l.Step.Id));
        Assert.Equal(["b-analyse"], Checklist.Blocking(s, B, Stage.Analysis).Select(l => l.Step.Id));
    }

    [Fact]
    public void Leaving_triage_after_reclassification_is_refused_for_Bs_open_step_only()
    {
        var violation = Given([.. WorkedOnA(), ToRansomware])
            .When(s => AdvanceStageHandler.Decide(s, Stage.Analysis, Responder, Now, B))
            .ThenRuleViolated("required_step_open");

        Assert.Equal("protect-backups", violation.Rules[0].Step);
    }

    [Fact]
    public void Completing_Bs_open_step_lets_triage_be_left()
    {
        var s = Given([.. WorkedOnA(), ToRansomware])
            .When(s => WorkStepHandler.DecideComplete(s, B, "protect-backups", "NAS unplugged", AResponder, T(9)))
            .Then(new StepCompleted(IncidentId, "book-b", "protect-backups", "NAS unplugged", Responder, T(9)))
            .State;

        Assert.Empty(Checklist.Blocking(s, B, Stage.Triage));
        Assert.Single(AdvanceStageHandler.Decide(s, Stage.Analysis, Responder, Now, B));
    }

    [Fact]
    public void Completing_a_shared_step_again_under_B_changes_nothing()
    {
        Given([.. WorkedOnA(), ToRansomware])
            .When(s => WorkStepHandler.DecideComplete(s, B, "isolate-device", "again", AResponder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void A_step_only_A_has_cannot_be_completed_under_B()
    {
        var s = Reclassified();

        Assert.Throws<NotFoundError>(() =>
            WorkStepHandler.DecideComplete(s, B, "a-ask-vendor", "called them", AResponder, Now));
    }

    [Fact]
    public void Reclassifying_back_to_A_shows_As_steps_done_before_as_As_own_again()
    {
        var back = new IncidentReclassified(IncidentId, Category.C2, Category.C1, "it was not ransomware", Responder, T(9))
        {
            Playbook = Pin(A),
        };
        var s = new Scenario([.. WorkedOnA(), ToRansomware, back]).State;

        var lines = Checklist.Lines(s, A, [A, B]);

        Assert.Equal(A.Steps.Select(x => x.Id), lines.Select(l => l.Step.Id));
        Assert.All(lines, l => Assert.False(l.FromEarlierPlaybook));
        Assert.Equal(StepStatus.Completed, lines.Single(l => l.Step.Id == "a-scan-network").Status);
    }
}
