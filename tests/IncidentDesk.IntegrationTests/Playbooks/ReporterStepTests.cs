using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Playbooks;

/// <summary>A reporter may tick the reporter's own steps on their own report, and nothing else.</summary>
public sealed class ReporterStepTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Fact]
    public async Task A_reporter_completes_their_own_reporter_step_on_their_own_report()
    {
        var reporter = await app.SignInAsNewAsync("Reporter", "Rin Reporter");
        // Phishing: telling the IT desk also means saying whether the attachment was opened, which the form does not ask.
        var incident = await reporter.FileAsync(Bodies.Report("C3"));
        Assert.Equal("open", incident.Step("report-immediately").Str("status"));
        Assert.Equal("reporter", incident.Step("report-immediately").Str("role"));

        incident = await reporter.CompleteAsync(incident, "report-immediately", "Told the IT desk by phone at 09:05");
        var step = incident.Step("report-immediately");
        Assert.Equal("completed", step.Str("status"));
        Assert.Equal("Told the IT desk by phone at 09:05", step.Str("evidence"));
        Assert.Equal(reporter.Id, step.Guid("by"));
        Assert.Equal("Rin Reporter", step.Str("byName"));
    }

    [Fact]
    public async Task A_reporter_who_answered_the_form_has_the_form_evidenced_step_completed_at_filing()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var incident = await reporter.FileAsync(Bodies.Report("C2", disconnectedFromNetwork: true));
        var step = incident.Step("disconnect-from-network");
        Assert.Equal("completed", step.Str("status"));
        Assert.Equal(reporter.Id, step.Guid("by"));
        var completed = await reporter.TimelineAsync(incident, "step_completed");
        Assert.Equal(["disconnect-from-network", "report-immediately"], completed.Select(e => e["data"]!.Str("stepId")).Order());

        // Not disconnected on the form: the step stays open, and without the field it cannot be completed yet.
        var other = await reporter.FileAsync(Bodies.Report("C2", disconnectedFromNetwork: false));
        Assert.Equal("open", other.Step("disconnect-from-network").Str("status"));
        var missing = await app.RefusedAsync(409, () => reporter.PostAsync(other.StepPath("disconnect-from-network", "complete"),
            new { evidence = "pulled it" }, other.Version));
        Assert.Equal(["evidence_missing"], missing.RuleCodes);
    }

    [Theory]
    [InlineData("C1", "report-immediately")]
    [InlineData("C2", "report-immediately")]
    [InlineData("C4", "report-loss")]
    [InlineData("C7", "report-to-designated-contact")]
    [InlineData("C8", "report-mis-send")]
    [InlineData("C10", "report-by-failure-procedure")]
    public async Task Report_at_once_is_done_by_filing_the_report_by_the_reporter_at_the_time_of_filing(string category, string stepId)
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var incident = await reporter.FileAsync(Bodies.Report(category));

        var step = incident.Step(stepId);
        Assert.Equal("completed", step.Str("status"));
        Assert.Equal("report", step.Str("evidenceField"));
        Assert.Equal(incident.Reference, step["fieldEvidence"]!.Str("text"));
        Assert.Equal(reporter.Id, step.Guid("by"));
        Assert.Equal(incident.Detail.Str("reportedAt"), step.Str("at"));
    }

    [Fact]
    public async Task A_reporter_cannot_work_a_responder_step_on_their_own_report()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var incident = await reporter.FileAsync(Bodies.Report("C2"));
        Assert.Equal("responder", incident.Step("confirm-isolation").Str("role"));
        await app.RefusedAsync(403, () => reporter.PostAsync(incident.StepPath("confirm-isolation", "complete"),
            new { evidence = "My PC is unplugged" }, incident.Version));
        await app.RefusedAsync(403, () => reporter.PostAsync(incident.StepPath("share-with-security-organisations", "skip"),
            new { reason = "Not needed" }, incident.Version));
        await app.RefusedAsync(403, () => reporter.PostAsync(incident.StepPath("decide-business-stoppage", "complete"),
            new { evidence = "Stop everything" }, incident.Version));
    }

    [Fact]
    public async Task A_reporter_gets_404_for_the_steps_of_someone_elses_incident()
    {
        var owner = await app.SignInAsNewAsync("Reporter");
        var stranger = await app.SignInAsNewAsync("Reporter");
        var incident = await owner.FileAsync(Bodies.Report("C3"));
        foreach (var action in new[] { "complete", "skip", "reopen" })
            await app.RefusedAsync(404, () => stranger.PostAsync(incident.StepPath("report-immediately", action),
                action == "complete" ? (object)new { evidence = "Told IT" } : new { reason = "Told IT" }, incident.Version));
        Assert.Equal("open", (await owner.ReloadAsync(incident)).Step("report-immediately").Str("status"));
    }
}
