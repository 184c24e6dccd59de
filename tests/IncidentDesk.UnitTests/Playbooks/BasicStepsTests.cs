using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// "Basic steps only" (R22) shows the obligations (基本, 必須, SHALL, whether required or not) and every required
/// step whatever its grade.
/// </summary>
public sealed class BasicStepsTests
{
    private static readonly Lazy<IReadOnlyList<Playbook>> Shipped =
        new(() => PlaybookLibrary.LoadFolder(TestPlaybooks.RepoPlaybooksFolder));

    private static PlaybookStep Real(string playbookId, string stepId) =>
        Shipped.Value.Single(p => p.Id == playbookId).Step(stepId)
        ?? throw new InvalidOperationException($"playbook {playbookId} has no step '{stepId}' any more");

    private static PlaybookStep StepGraded(StepGrade grade, bool required) => new(
        "a-step", Stage.Triage, PlaybookRole.Responder, StepKind.Task, grade, required,
        new LocalizedText("手順", "Step"), new LocalizedText("説明", "Guidance"),
        new StepEvidence(new LocalizedText("記録", "Record"), null), null, null,
        new SourceRef(TestPlaybooks.Seed, 31, 41, false));

    [Theory]
    [InlineData(StepGrade.Basic, true, true, true)]
    [InlineData(StepGrade.Basic, false, true, true)]
    [InlineData(StepGrade.Mandatory, true, true, true)]
    [InlineData(StepGrade.Mandatory, false, true, true)]
    [InlineData(StepGrade.Shall, true, true, true)]
    [InlineData(StepGrade.Shall, false, true, true)]
    [InlineData(StepGrade.Recommended, true, false, true)]
    [InlineData(StepGrade.Recommended, false, false, false)]
    [InlineData(StepGrade.Should, true, false, true)]
    [InlineData(StepGrade.Should, false, false, false)]
    [InlineData(StepGrade.May, true, false, true)]
    [InlineData(StepGrade.May, false, false, false)]
    [InlineData(StepGrade.RuleExample, true, false, true)]
    [InlineData(StepGrade.RuleExample, false, false, false)]
    [InlineData(StepGrade.Guidance, true, false, true)]
    [InlineData(StepGrade.Guidance, false, false, false)]
    public void A_step_is_basic_when_it_is_an_obligation_or_required(StepGrade grade, bool required, bool obligation, bool basic)
    {
        var step = StepGraded(grade, required);

        Assert.Equal(obligation, step.IsObligation);
        Assert.Equal(basic, step.IsBasic);
    }

    [Fact]
    public void The_seeds_grade_words_read_from_YAML_are_the_grades()
    {
        var book = TestPlaybooks.WorkBook;

        Assert.Equal(StepGrade.Basic, book.Step("patch-everything")!.Grade);
        Assert.Equal(StepGrade.Mandatory, book.Step("tell-privacy-office")!.Grade);
        Assert.Equal(StepGrade.Shall, book.Step("restore-drill")!.Grade);
        Assert.Equal(StepGrade.Recommended, book.Step("restore")!.Grade);
        Assert.Equal(StepGrade.Guidance, book.Step("engage-specialists")!.Grade);
    }

    /// <summary>Examples from playbooks/c2-ransomware.yaml (and one optional SHALL step of c1-malware.yaml).</summary>
    [Theory]
    [InlineData("ransomware", "filtering-and-updates", true)]        // 基本, required: an obligation
    [InlineData("ransomware", "report-immediately", true)]           // 推奨, required
    [InlineData("ransomware", "protect-backups", true)]              // 推奨, required
    [InlineData("ransomware", "disconnect-from-network", true)]      // guidance, required
    [InlineData("ransomware", "decide-ransom", true)]                // an executive decision, required
    [InlineData("ransomware", "engage-specialists", false)]          // guidance, optional
    [InlineData("ransomware", "share-with-security-organisations", false)] // notify, guidance, optional
    [InlineData("ransomware", "restore-drill", false)]               // guidance, optional
    [InlineData("malware", "full-scan-twice-monthly", true)]         // SHALL but optional: still an obligation
    public void Real_playbook_steps_in_the_basic_view(string playbookId, string stepId, bool basic)
    {
        Assert.Equal(basic, Real(playbookId, stepId).IsBasic);
    }

    [Fact]
    public void The_ransomware_obligation_is_filtering_and_updates()
    {
        var ransomware = Shipped.Value.Single(p => p.Category == Category.C2);

        Assert.Equal(["filtering-and-updates"], ransomware.Steps.Where(s => s.IsObligation).Select(s => s.Id));
        Assert.Equal(StepGrade.Basic, ransomware.Step("filtering-and-updates")!.Grade);
    }
}
