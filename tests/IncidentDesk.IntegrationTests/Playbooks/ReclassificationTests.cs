using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Playbooks;

/// <summary>Reclassifying pins the new category's playbook; what was done keeps its history, shared step ids stay done.</summary>
public sealed class ReclassificationTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Fact]
    public async Task A_malware_incident_reclassified_as_ransomware_keeps_shared_steps_done_and_is_gated_by_the_new_playbook()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var responder = await app.SignInAsNewAsync("Responder");
        var incident = await reporter.FileAsync(Bodies.Report("C1", "Anti-virus alert, then files stopped opening", disconnectedFromNetwork: true));
        var malwareHash = incident.Detail["checklist"]!["playbook"]!.Str("contentHash");
        Assert.Equal("malware", incident.Detail["checklist"]!["playbook"]!.Str("id"));
        Assert.Equal("completed", incident.Step("disconnect-from-network").Str("status"));

        // Under C1: the shared reporter step, a C1-only detection step, then triage with a possible leak, where the
        // shared isolation and containment steps and the C1-only "report to the responsible person" are done.
        Assert.Equal("completed", incident.Step("report-immediately").Str("status")); // by filing the report
        incident = await responder.CompleteAsync(incident, "report-usb-anomaly", "A USB stick from a trade fair");
        incident = await responder.RunAsync(incident, "acknowledge", new { });
        Assert.Equal("triage", incident.Stage);
        incident = await responder.RunAsync(incident, "triage",
            Bodies.Triage(dataMayBeLeaking: true, ownerId: responder.Id, containmentActions: ["Closed the public website"]));
        incident = await responder.CompleteAsync(incident, "confirm-isolation", "PC-0142 isolated, share checked");
        incident = await responder.CompleteAsync(incident, "close-website-or-move-data", evidence: null);
        incident = await responder.CompleteAsync(incident, "report-to-responsible-person", evidence: null);

        incident = await responder.RunAsync(incident, "reclassify", new { category = "C2", reason = "A ransom note appeared" });

        var checklist = incident.Detail["checklist"]!;
        Assert.Equal("ransomware", checklist["playbook"]!.Str("id"));
        Assert.Equal("C2", checklist["playbook"]!.Str("category"));
        var earlier = Assert.Single(checklist.Items("earlierPlaybooks"));
        Assert.Equal("malware", earlier.Str("id"));
        Assert.Equal(malwareHash, earlier.Str("contentHash"));

        // Step ids both playbooks have stay completed, as lines of the active playbook.
        foreach (var id in new[] { "disconnect-from-network", "report-immediately", "confirm-isolation", "close-website-or-move-data" })
        {
            var shared = incident.Step(id);
            Assert.Equal("completed", shared.Str("status"));
            Assert.Equal("ransomware", shared.Str("playbookId"));
            Assert.False(shared.Bool("fromEarlierPlaybook"));
        }
        Assert.Equal(incident.Reference, incident.Step("report-immediately")["fieldEvidence"]!.Str("text"));
        Assert.Equal(reporter.Id, incident.Step("report-immediately").Guid("by"));

        // Steps done under C1 that C2 lacks are still listed, from the earlier playbook, and gate nothing.
        foreach (var id in new[] { "report-usb-anomaly", "report-to-responsible-person" })
        {
            var old = incident.Step(id);
            Assert.True(old.Bool("fromEarlierPlaybook"));
            Assert.Equal("malware", old.Str("playbookId"));
            Assert.Equal("completed", old.Str("status"));
        }
        Assert.Equal(responder.Id.ToString(), incident.Step("report-to-responsible-person")["fieldEvidence"]!.Str("text"));
        // C1 steps nobody touched are gone; C2's own steps are there.
        Assert.False(incident.Lists("decide-response-policy"));
        Assert.False(incident.Lists("scan-and-remove"));
        Assert.True(incident.Lists("protect-backups"));

        // C2's open required triage steps now hold triage, and nothing else does.
        string[] open = ["contact-by-priority", "decide-business-stoppage", "protect-backups"];
        Assert.Equal(open, incident.BlockingSteps());
        Assert.False(incident.Criterion("required_steps_done"));
        var triage = incident.Detail["checklist"]!.Items("progress").Single(p => p.Str("stage") == "triage");
        Assert.Equal(3, triage.Long("requiredOpen"));
        var refused = await app.RefusedAsync(409, () => responder.PostAsync($"{incident.Path}/stage", new { to = "analysis" }, incident.Version));
        Assert.Equal(open, refused.OpenStepRules());
        Assert.Empty(refused.OtherRules());

        // The reclassification pinned the new playbook in its event.
        var reclassified = Assert.Single(await responder.TimelineAsync(incident, "incident_reclassified"))["data"]!;
        Assert.Equal("ransomware", reclassified["playbook"]!.Str("id"));
        Assert.Equal(checklist["playbook"]!.Str("contentHash"), reclassified["playbook"]!.Str("contentHash"));

        incident = await responder.AdvanceAsync(incident, "analysis");
        Assert.Equal("analysis", incident.Stage);
        Assert.True(incident.Step("report-usb-anomaly").Bool("fromEarlierPlaybook"));
    }
}
