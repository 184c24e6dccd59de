using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Playbooks;

/// <summary>
/// Skipping steps: always with a reason; a required step graded 基本, 必須 or SHALL is an obligation that only an
/// Executive may waive, and only an Executive may reopen that waiver.
/// </summary>
public sealed class WaiverTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private sealed record Cast(ApiClient Reporter, ApiClient Responder, ApiClient Executive);

    private Task<Cast> CastAsync() => app.SharedAsync("cast", async () => new Cast(
        await app.SignInAsNewAsync("Reporter"), await app.SignInAsNewAsync("Responder"),
        await app.SignInAsNewAsync("Executive", "Emi Executive")));

    private static async Task<IncidentRef> RansomwareInTriageAsync(Cast c) =>
        await c.Responder.DriveToAsync(await c.Reporter.FileAsync(Bodies.Report("C2")), "triage");

    [Fact]
    public async Task A_required_基本_step_is_an_obligation_a_responder_cannot_skip_and_an_executive_skip_is_recorded_as_a_waiver()
    {
        var c = await CastAsync();
        var incident = await RansomwareInTriageAsync(c);
        var step = incident.Step("filtering-and-updates");
        Assert.Equal("基本", step.Str("grade"));
        Assert.True(step.Bool("required"));
        Assert.True(step.Bool("obligation"));
        Assert.Equal("prevention", step.Str("stage"));

        var refused = await app.RefusedAsync(403, () => c.Responder.PostAsync(incident.StepPath("filtering-and-updates", "skip"),
            new { reason = "We have no telework devices" }, incident.Version));
        Assert.Contains("Executive", refused.Json.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("open", (await c.Responder.ReloadAsync(incident)).Step("filtering-and-updates").Str("status"));

        incident = await c.Executive.SkipAsync(incident, "filtering-and-updates", "  We have no telework devices  ");
        step = incident.Step("filtering-and-updates");
        Assert.Equal("skipped", step.Str("status"));
        Assert.True(step.Bool("waiver"));
        Assert.Equal("We have no telework devices", step.Str("reason"));
        Assert.Equal(c.Executive.Id, step.Guid("by"));
        Assert.Equal("Emi Executive", step.Str("byName"));

        var skipped = Assert.Single(await c.Responder.TimelineAsync(incident, "step_skipped"),
            e => e["data"]!.Str("stepId") == "filtering-and-updates");
        Assert.Equal(c.Executive.Id, skipped.Guid("actorId"));
        Assert.Equal("ransomware", skipped["data"]!.Str("playbookId"));
        Assert.True(skipped["data"]!.Bool("waiver"));
        Assert.Equal("We have no telework devices", skipped["data"]!.Str("reason"));
    }

    [Fact]
    public async Task Only_an_executive_can_reopen_a_waiver()
    {
        var c = await CastAsync();
        var incident = await c.Executive.SkipAsync(await RansomwareInTriageAsync(c), "filtering-and-updates");

        await app.RefusedAsync(403, () => c.Responder.PostAsync(incident.StepPath("filtering-and-updates", "reopen"),
            new { reason = "We do have telework PCs after all" }, incident.Version));
        Assert.Equal("skipped", (await c.Responder.ReloadAsync(incident)).Step("filtering-and-updates").Str("status"));

        incident = IncidentRef.From((await c.Executive.PostAsync(incident.StepPath("filtering-and-updates", "reopen"),
            new { reason = "We do have telework PCs after all" }, incident.Version)).Expect(200));
        var step = incident.Step("filtering-and-updates");
        Assert.Equal("open", step.Str("status"));
        Assert.False(step.Bool("waiver"));
        var reopened = Assert.Single(await c.Responder.TimelineAsync(incident, "step_reopened"));
        Assert.Equal("filtering-and-updates", reopened["data"]!.Str("stepId"));
        Assert.Equal(c.Executive.Id, reopened.Guid("actorId"));
    }

    [Fact]
    public async Task Every_obligation_the_checklist_shows_is_refused_to_a_responder()
    {
        var c = await CastAsync();
        var incident = await RansomwareInTriageAsync(c);
        var obligations = incident.Steps().Where(s => s.Bool("obligation") && s.Bool("required")).Select(s => s.Str("stepId")).ToList();
        Assert.NotEmpty(obligations);
        Assert.All(incident.Steps().Where(s => s.Bool("obligation")), s => Assert.Contains(s.Str("grade"), new[] { "基本", "必須", "SHALL" }));
        foreach (var id in obligations)
            await app.RefusedAsync(403, () => c.Responder.PostAsync(incident.StepPath(id, "skip"), new { reason = "n/a" }, incident.Version));
    }

    [Fact]
    public async Task A_responder_may_skip_a_step_that_is_no_obligation_with_a_reason_and_it_is_no_waiver()
    {
        var c = await CastAsync();
        var incident = await RansomwareInTriageAsync(c);
        // Not required at all, and required but only 推奨: neither is an obligation.
        foreach (var id in new[] { "share-with-security-organisations", "offline-backups" })
        {
            Assert.False(incident.Step(id).Bool("obligation"));
            incident = await c.Responder.SkipAsync(incident, id, "Handled by the group's central IT");
            var step = incident.Step(id);
            Assert.Equal("skipped", step.Str("status"));
            Assert.False(step.Bool("waiver"));
            Assert.Equal("Handled by the group's central IT", step.Str("reason"));
            Assert.Equal(c.Responder.Id, step.Guid("by"));
        }
        Assert.Equal("推奨", incident.Step("offline-backups").Str("grade"));
        Assert.All(await c.Responder.TimelineAsync(incident, "step_skipped"), e => Assert.False(e["data"]!.Bool("waiver")));

        // Skipping what is already skipped changes nothing; the responder reopens a non-waiver skip.
        var again = (await c.Responder.PostAsync(incident.StepPath("offline-backups", "skip"), new { reason = "again" }, incident.Version)).Expect(200);
        Assert.Equal(incident.Version, IncidentRef.From(again).Version);
        incident = IncidentRef.From((await c.Responder.PostAsync(incident.StepPath("offline-backups", "reopen"), new { }, incident.Version)).Expect(200));
        Assert.Equal("open", incident.Step("offline-backups").Str("status"));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"reason":null}""")]
    [InlineData("""{"reason":"   "}""")]
    public async Task A_skip_without_a_reason_is_a_400_naming_the_reason(string body)
    {
        var c = await CastAsync();
        var incident = await RansomwareInTriageAsync(c);
        foreach (var (client, id) in new[] { (c.Responder, "share-with-security-organisations"), (c.Executive, "filtering-and-updates") })
            await app.RefusedAsync(400, async () => (await client.PostRawAsync(incident.StepPath(id, "skip"), body, $"\"{incident.Version}\""))
                .ExpectFieldError("reason"));
    }
}
