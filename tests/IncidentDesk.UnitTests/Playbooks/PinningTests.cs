using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Filing;
using IncidentDesk.Api.Incidents.Reclassifying;
using IncidentDesk.Api.Playbooks;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Playbooks.TestPlaybooks;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// Filing pins the category's playbook (id, version, SHA-256 of the content) into the incident's first event;
/// editing the file afterwards never changes that incident's steps.
/// </summary>
public sealed class PinningTests
{
    private static readonly string LostDeviceV1 = Yaml("lost-device", "C4", 1,
        Step("report-loss", "detection", role: "reporter"),
        Step("revoke-credentials", "triage"),
        Step("list-data-on-device", "analysis"),
        Step("restore-access", "recovery"),
        Step("encrypt-disks", "prevention", grade: "SHALL"));

    /// <summary>The same file after an edit: a step renamed and one added, version bumped.</summary>
    private static readonly string LostDeviceV2 = LostDeviceV1
        .Replace("version: 1", "version: 2")
        .Replace("list-data-on-device", "inventory-lost-data")
        + Step("tell-the-police", "triage", kind: "notify", party: "{ ja: 警察, en: The police }");

    private static FileReportRequest Body(Category category = Category.C4) =>
        new(category, "Laptop left on the train", NoticedAt, "ext. 1234", "PC-0815", true, null);

    [Fact]
    public void Filing_with_a_pin_stores_it_in_incident_reported()
    {
        var v1 = Parse(LostDeviceV1);
        var pin = Pin(v1);

        var reported = FileReportHandler.Decide(FileReportHandler.Validate(Body(), Now), IncidentId, Reference, Reporter, Now, pin);

        Assert.Equal(new PlaybookPin("lost-device", 1, v1.ContentHash), reported.Playbook);
    }

    [Fact]
    public void The_pin_is_written_with_the_event_and_read_back()
    {
        var pin = Pin(Parse(LostDeviceV1));
        var reported = FileReportHandler.Decide(FileReportHandler.Validate(Body(), Now), IncidentId, Reference, Reporter, Now, pin);

        var json = EventJson.Map.Serialize(reported);
        var back = (IncidentReported)EventJson.Map.Deserialize("incident_reported", json);

        Assert.Contains(pin.ContentHash, json);
        Assert.Equal(pin, back.Playbook);
    }

    [Fact]
    public void The_pinned_playbook_is_the_one_the_folded_incident_follows()
    {
        var pin = Pin(Parse(LostDeviceV1));

        var s = Incident.Evolve(null, FileReportHandler.Decide(FileReportHandler.Validate(Body(), Now), IncidentId, Reference, Reporter, Now, pin));

        Assert.Equal(pin, s.ActivePlaybook);
        Assert.Equal([pin], s.Playbooks);
        Assert.Empty(s.Steps);
    }

    [Fact]
    public void Filing_without_a_playbook_for_the_category_pins_nothing()
    {
        var reported = FileReportHandler.Decide(FileReportHandler.Validate(Body(Category.Unknown), Now), IncidentId, Reference, Reporter, Now);

        Assert.Null(reported.Playbook);
        Assert.Null(Incident.Evolve(null, reported).ActivePlaybook);
        Assert.DoesNotContain("playbook", EventJson.Map.Serialize(reported), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Editing_the_file_gives_a_different_content_hash()
    {
        var v1 = Parse(LostDeviceV1);
        var v2 = Parse(LostDeviceV2);

        Assert.Equal(v1.Id, v2.Id);
        Assert.NotEqual(v1.ContentHash, v2.ContentHash);
        Assert.Equal(PlaybookParser.Hash(LostDeviceV1), v1.ContentHash);
    }

    [Fact]
    public void The_content_hash_does_not_depend_on_line_endings()
    {
        Assert.Equal(PlaybookParser.Hash(LostDeviceV1), PlaybookParser.Hash(LostDeviceV1.Replace("\n", "\r\n")));
        Assert.NotEqual(PlaybookParser.Hash(LostDeviceV1), PlaybookParser.Hash(LostDeviceV1 + "# a comment\n"));
    }

    [Fact]
    public void A_later_edit_of_the_file_does_not_change_the_checklist_of_an_incident_filed_before()
    {
        var v1 = Parse(LostDeviceV1);
        var v2 = Parse(LostDeviceV2);
        // Every content ever loaded, by hash (the library's playbook_versions); the file now holds v2.
        var byHash = new[] { v1, v2 }.ToDictionary(p => p.ContentHash);
        var s = new Scenario([
            FileReportHandler.Decide(FileReportHandler.Validate(Body(), T(0)), IncidentId, Reference, Reporter, T(0), Pin(v1)),
            Acknowledged(1),
            Completed("report-loss", 2, "told IT at 09:05", playbookId: "lost-device"),
        ]).State;

        var pinned = byHash[s.ActivePlaybook!.ContentHash];
        var lines = Checklist.Lines(s, pinned, []);

        Assert.Same(v1, pinned);
        Assert.Equal(["report-loss", "revoke-credentials", "list-data-on-device", "restore-access", "encrypt-disks"],
            lines.Select(l => l.Step.Id));
        Assert.Equal(StepStatus.Completed, lines[0].Status);
        Assert.Equal("told IT at 09:05", lines[0].Facts!.Evidence);
        Assert.All(lines, l => Assert.Same(v1, l.Playbook));
    }

    [Fact]
    public void An_incident_filed_after_the_edit_follows_the_new_content()
    {
        var v2 = Parse(LostDeviceV2);

        var s = Incident.Evolve(null, FileReportHandler.Decide(FileReportHandler.Validate(Body(), Now), IncidentId, Reference, Reporter, Now, Pin(v2)));

        Assert.Equal(new PlaybookPin("lost-device", 2, v2.ContentHash), s.ActivePlaybook);
        Assert.Contains(Checklist.Lines(s, v2, []), l => l.Step.Id == "tell-the-police");
    }

    [Fact]
    public void Reclassifying_pins_the_new_playbook_after_the_old_one()
    {
        var lostDevice = Pin(Parse(LostDeviceV1));
        var given = new Scenario([Reported(Category.C4) with { Playbook = lostDevice }]);

        var s = given.When(s => ReclassifyHandler.Decide(s, Category.C1, "it was malware after all", Responder, Now, WorkPin))
            .Then(new IncidentReclassified(IncidentId, Category.C4, Category.C1, "it was malware after all", Responder, Now)
            {
                Playbook = WorkPin,
            })
            .State;

        Assert.Equal([lostDevice, WorkPin], s.Playbooks);
        Assert.Equal(WorkPin, s.ActivePlaybook);
    }

    [Fact]
    public void Reclassifying_to_a_category_without_a_playbook_keeps_following_the_pinned_one()
    {
        var s = new Scenario([Reported(Category.C1) with { Playbook = WorkPin }])
            .When(s => ReclassifyHandler.Decide(s, Category.Unknown, "not sure any more", Responder, Now))
            .State;

        Assert.Equal([WorkPin], s.Playbooks);
        Assert.Equal(WorkPin, s.ActivePlaybook);
    }
}
