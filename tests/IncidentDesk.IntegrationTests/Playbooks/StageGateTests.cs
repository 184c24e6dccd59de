using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Playbooks;

/// <summary>Required playbook steps hold their stage: POST /stage answers 409 with every open one, and nothing is written.</summary>
public sealed class StageGateTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    /// <summary>The C2 (ransomware) triage steps that are required and apply whatever the facts.</summary>
    private static readonly string[] UnconditionalTriageSteps =
        ["confirm-isolation", "contact-by-priority", "decide-business-stoppage", "protect-backups"];

    [Fact]
    public async Task A_ransomware_incident_in_triage_cannot_be_left_while_required_steps_are_open_and_a_conditioned_step_blocks_once_its_fact_holds()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var responder = await app.SignInAsNewAsync("Responder");
        var executive = await app.SignInAsNewAsync("Executive");
        var incident = await responder.DriveToAsync(await reporter.FileAsync(Bodies.Report("C2")), "triage");

        // Nothing of triage is recorded yet: the lifecycle's criteria and every required, applicable step are listed.
        Assert.Equal(UnconditionalTriageSteps, incident.BlockingSteps());
        Assert.False(incident.Criterion("required_steps_done"));
        var leak = incident.Step("close-website-or-move-data");
        Assert.True(leak.Bool("required"));
        Assert.False(leak.Bool("applies"));
        Assert.Equal("containmentActions", leak.Str("evidenceField"));
        var refused = await app.RefusedAsync(409, () => responder.PostAsync($"{incident.Path}/stage", new { to = "analysis" }, incident.Version));
        Assert.Equal(["severity_rated", "owner_assigned", "harm_and_leak_assessed"], refused.OtherRules());
        Assert.Equal(UnconditionalTriageSteps, refused.OpenStepRules());
        Assert.All(refused.Json.Items("rules").Where(r => r.Str("code") == "required_step_open"),
            r => Assert.Contains(r.Str("step"), r.Str("message"), StringComparison.Ordinal));

        // Triage finds that data may be leaking: the conditioned step now applies and blocks too.
        incident = await responder.RunAsync(incident, "triage",
            Bodies.Triage(dataMayBeLeaking: true, ownerId: responder.Id, containmentActions: ["Closed the public website"]));
        leak = incident.Step("close-website-or-move-data");
        Assert.True(leak.Bool("applies"));
        Assert.Equal("open", leak.Str("status"));
        Assert.Equal([.. UnconditionalTriageSteps.Append("close-website-or-move-data").Order(StringComparer.Ordinal)], incident.BlockingSteps());
        Assert.False(incident.Criterion("required_steps_done"));
        Assert.True(incident.Criterion("owner_assigned"));
        refused = await app.RefusedAsync(409, () => responder.PostAsync($"{incident.Path}/stage", new { to = "analysis" }, incident.Version));
        Assert.Empty(refused.OtherRules());
        Assert.Equal(incident.BlockingSteps(), refused.OpenStepRules());
        var triageProgress = incident.Detail["checklist"]!.Items("progress").Single(p => p.Str("stage") == "triage");
        Assert.Equal(5, triageProgress.Long("requiredOpen"));

        // Working the steps one by one shrinks the list to exactly what is still open.
        incident = await responder.CompleteAsync(incident, "confirm-isolation", "PC-0142 and the NAS isolated; file server checked");
        incident = await responder.CompleteAsync(incident, "close-website-or-move-data", evidence: null);
        Assert.Equal("completed", incident.Step("close-website-or-move-data").Str("status"));
        var containment = incident.Step("close-website-or-move-data")["fieldEvidence"]!;
        Assert.Equal("containmentActions", containment.Str("name"));
        Assert.Contains(containment["items"]!.AsArray(), a => a!.GetValue<string>().Contains("Closed the public website", StringComparison.Ordinal));
        refused = await app.RefusedAsync(409, () => responder.PostAsync($"{incident.Path}/stage", new { to = "analysis" }, incident.Version));
        Assert.Equal(["contact-by-priority", "decide-business-stoppage", "protect-backups"], refused.OpenStepRules());

        incident = await responder.CompleteAsync(incident, "contact-by-priority", "CISO and sales head by phone, 09:20");
        incident = await responder.CompleteAsync(incident, "protect-backups", "Last night's tape, locked away");
        incident = await executive.CompleteAsync(incident, "decide-business-stoppage", "Sales stops until tomorrow noon");
        Assert.Empty(incident.BlockingSteps());
        Assert.True(incident.Criterion("required_steps_done"));

        // A step that is not required (sharing with security organisations) never held the stage.
        Assert.Equal("open", incident.Step("share-with-security-organisations").Str("status"));
        incident = await responder.RunAsync(incident, "stage", new { to = "analysis" });
        Assert.Equal("analysis", incident.Stage);
        Assert.False(incident.Criterion("required_steps_done"));
    }

    [Fact]
    public async Task A_fact_that_becomes_false_again_takes_the_conditioned_step_back_out_of_the_gate()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var responder = await app.SignInAsNewAsync("Responder");
        var incident = await responder.DriveToAsync(await reporter.FileAsync(Bodies.Report("C2")), "triage");
        incident = await responder.RunAsync(incident, "triage", Bodies.Triage(dataMayBeLeaking: true, ownerId: responder.Id));
        Assert.Contains("close-website-or-move-data", incident.BlockingSteps());

        incident = await responder.RunAsync(incident, "triage", Bodies.Triage(dataMayBeLeaking: false, ownerId: responder.Id));
        Assert.False(incident.Step("close-website-or-move-data").Bool("applies"));
        Assert.DoesNotContain("close-website-or-move-data", incident.BlockingSteps());
        var refused = await app.RefusedAsync(409, () => responder.PostAsync($"{incident.Path}/stage", new { to = "analysis" }, incident.Version));
        Assert.DoesNotContain("close-website-or-move-data", refused.OpenStepRules());

        // Settling the unconditional steps is then enough to leave triage.
        incident = await responder.AdvanceAsync(incident, "analysis");
        Assert.Equal("analysis", incident.Stage);
    }

    [Fact]
    public async Task Detection_with_an_open_reporter_step_stays_open_after_acknowledging_and_its_gate_names_the_step()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var responder = await app.SignInAsNewAsync("Responder");
        // Filing the report does "report at once"; the reporter's own "discard the mis-sent credentials" is still open.
        var incident = await reporter.FileAsync(Bodies.Report("C8"));
        Assert.Equal("completed", incident.Step("report-mis-send").Str("status"));
        incident = await responder.RunAsync(incident, "acknowledge", new { });
        Assert.Equal("detection", incident.Stage);
        Assert.Equal(["discard-mis-sent-credentials", "report-credentials-to-administrator"], incident.BlockingSteps());
        Assert.True(incident.Criterion("acknowledged"));
        Assert.False(incident.Criterion("required_steps_done"));

        var refused = await app.RefusedAsync(409, () => responder.PostAsync($"{incident.Path}/stage", new { to = "triage" }, incident.Version));
        Assert.Equal(["required_step_open", "required_step_open"], refused.RuleCodes);
        Assert.Equal(["discard-mis-sent-credentials", "report-credentials-to-administrator"], refused.OpenStepRules());

        incident = await responder.CompleteAsync(incident, "discard-mis-sent-credentials", "Changed the shared-folder password at 09:05");
        incident = await responder.CompleteAsync(incident, "report-credentials-to-administrator", "Told the IT desk at 09:06");
        Assert.True(incident.Criterion("required_steps_done"));
        incident = await responder.RunAsync(incident, "stage", new { to = "triage" });
        Assert.Equal("triage", incident.Stage);
    }
}
