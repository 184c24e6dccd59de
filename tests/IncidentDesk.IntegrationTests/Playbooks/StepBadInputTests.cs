using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Playbooks;

/// <summary>Step commands that cannot be carried out: each is refused with its own status and writes nothing.</summary>
public sealed class StepBadInputTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private sealed record Cast(ApiClient Reporter, ApiClient Responder);

    private Task<Cast> CastAsync() => app.SharedAsync("cast", async () =>
        new Cast(await app.SignInAsNewAsync("Reporter"), await app.SignInAsNewAsync("Responder")));

    private async Task<(ApiClient Responder, IncidentRef Incident)> RansomwareInTriageAsync()
    {
        var c = await CastAsync();
        return (c.Responder, await c.Responder.DriveToAsync(await c.Reporter.FileAsync(Bodies.Report("C2")), "triage"));
    }

    [Theory]
    [InlineData("complete")]
    [InlineData("skip")]
    [InlineData("reopen")]
    public async Task An_unknown_step_id_is_404(string action)
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        var refused = await app.RefusedAsync(404, () => responder.PostAsync(incident.StepPath("pay-the-ransom", action),
            new { evidence = "paid", reason = "paid" }, incident.Version));
        Assert.Contains("pay-the-ransom", refused.Json.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_of_another_categorys_playbook_is_404_on_this_incident()
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        var lostDevice = await responder.GetJsonAsync("/api/playbooks/lost-device");
        var ransomware = await responder.GetJsonAsync("/api/playbooks/ransomware");
        var onlyInC4 = lostDevice.Items("steps").Select(s => s.Str("id")).FirstOrDefault(id => id == "remote-lock-and-wipe");
        Assert.NotNull(onlyInC4);
        Assert.DoesNotContain(ransomware.Items("steps"), s => s.Str("id") == "remote-lock-and-wipe");
        Assert.False(incident.Lists("remote-lock-and-wipe"));

        // It is a real step on a C4 incident, which makes it no step at all on the C2 one.
        var c4 = await responder.FileAsync(Bodies.Report("C4", "Laptop left on the train"));
        Assert.True(c4.Lists("remote-lock-and-wipe"));
        foreach (var action in new[] { "complete", "skip" })
            await app.RefusedAsync(404, () => responder.PostAsync(incident.StepPath("remote-lock-and-wipe", action),
                new { evidence = "Wiped via MDM", reason = "Wiped via MDM" }, incident.Version));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"evidence":null}""")]
    [InlineData("""{"evidence":"  "}""")]
    public async Task Completing_a_prompt_step_without_evidence_is_a_400_naming_the_evidence(string body)
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        Assert.NotNull(incident.Step("confirm-isolation")["evidencePrompt"]);
        await app.RefusedAsync(400, async () => (await responder.PostRawAsync(incident.StepPath("confirm-isolation", "complete"), body,
            $"\"{incident.Version}\"")).ExpectFieldError("evidence"));
    }

    [Fact]
    public async Task Evidence_over_4000_characters_is_a_400_and_4000_are_accepted()
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        await app.RefusedAsync(400, async () => (await responder.PostAsync(incident.StepPath("confirm-isolation", "complete"),
            new { evidence = new string('x', 4001) }, incident.Version)).ExpectFieldError("evidence"));
        incident = await responder.CompleteAsync(incident, "confirm-isolation", new string('x', 4000));
        Assert.Equal(4000, incident.Step("confirm-isolation").Str("evidence").Length);
    }

    [Fact]
    public async Task A_step_evidenced_by_an_incident_field_that_is_not_recorded_yet_is_a_409_evidence_missing()
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        var step = incident.Step("verify-and-notify");
        Assert.Equal("notifiedParties", step.Str("evidenceField"));
        Assert.Equal("recovery", step.Str("stage"));
        var refused = await app.RefusedAsync(409, () => responder.PostAsync(incident.StepPath("verify-and-notify", "complete"),
            new { evidence = "Told everyone" }, incident.Version));
        Assert.Equal(["evidence_missing"], refused.RuleCodes);
        Assert.Contains("notifiedParties", refused.Json.Str("detail"), StringComparison.Ordinal);

        // Once recovery records the parties, the same step completes with them as its evidence.
        incident = await responder.DriveToAsync(incident, "recovery");
        incident = await responder.RunAsync(incident, "recovery", Bodies.CompleteRecovery());
        incident = await responder.CompleteAsync(incident, "verify-and-notify", "by e-mail");
        var done = incident.Step("verify-and-notify");
        Assert.Equal("by e-mail", done.Str("evidence"));
        var field = done["fieldEvidence"]!;
        Assert.Equal("notifiedParties", field.Str("name"));
        Assert.StartsWith("Information security committee", field["parties"]![0]!.Str("party"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_whose_condition_does_not_hold_is_a_409_step_not_applicable()
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        incident = await responder.RunAsync(incident, "triage", Bodies.Triage(dataMayBeLeaking: false, usersMayBeHarmed: false, ownerId: responder.Id));
        foreach (var id in new[] { "close-website-or-move-data", "notify-affected-users" })
        {
            Assert.False(incident.Step(id).Bool("applies"));
            var refused = await app.RefusedAsync(409, () => responder.PostAsync(incident.StepPath(id, "complete"),
                new { evidence = "Closed the website" }, incident.Version));
            Assert.Equal(["step_not_applicable"], refused.RuleCodes);
        }
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_a_missing_one_is_400()
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        var read = incident;
        incident = await responder.CompleteAsync(incident, "confirm-isolation", "PC-0142 isolated");

        var stale = await app.RefusedAsync(412, () => responder.PostAsync(read.StepPath("protect-backups", "complete"),
            new { evidence = "Tape in the safe" }, read.Version));
        Assert.Equal(incident.Version, stale.Json.Long("currentVersion"));
        // A rule broken on an old picture is answered as "reload" too.
        await app.RefusedAsync(412, () => responder.PostAsync(read.StepPath("close-website-or-move-data", "complete"), new { }, read.Version));

        foreach (var action in new[] { "complete", "skip", "reopen" })
            await app.RefusedAsync(400, async () => (await responder.PostRawAsync(incident.StepPath("protect-backups", action),
                """{"evidence":"Tape in the safe","reason":"r"}""", ifMatch: null)).ExpectFieldError("If-Match"));
        Assert.Equal("open", (await responder.ReloadAsync(incident)).Step("protect-backups").Str("status"));
    }

    [Fact]
    public async Task Completing_a_step_twice_succeeds_without_writing_again()
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        incident = await responder.CompleteAsync(incident, "confirm-isolation", "PC-0142 isolated");
        var again = await app.RefusedAsync(200, () => responder.PostAsync(incident.StepPath("confirm-isolation", "complete"),
            new { evidence = "Something else" }, incident.Version));
        Assert.Equal("PC-0142 isolated", IncidentRef.From(again).Step("confirm-isolation").Str("evidence"));
    }

    [Fact]
    public async Task Steps_of_a_closed_incident_cannot_be_worked()
    {
        var (responder, incident) = await RansomwareInTriageAsync();
        incident = await responder.DriveToAsync(incident, "closed");
        Assert.Equal("open", incident.Step("share-with-security-organisations").Str("status"));
        var completed = incident.Steps().First(s => s.Str("status") == "completed").Str("stepId");

        foreach (var (action, id) in new[] { ("complete", "share-with-security-organisations"), ("skip", "restore-drill"), ("reopen", completed) })
        {
            var refused = await app.RefusedAsync(409, () => responder.PostAsync(incident.StepPath(id, action),
                new { evidence = "Shared with IPA", reason = "Too late" }, incident.Version));
            Assert.Equal(["incident_closed"], refused.RuleCodes);
        }
    }
}
