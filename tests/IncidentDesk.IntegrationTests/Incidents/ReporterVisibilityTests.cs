using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Incidents;

/// <summary>Least privilege: a reporter sees and notes only their own reports; to them others do not exist.</summary>
public sealed class ReporterVisibilityTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private sealed record Cast(ApiClient Alice, ApiClient Bob, ApiClient Responder, ApiClient Executive, IncidentRef AlicesReport, IncidentRef BobsReport);

    private Task<Cast> CastAsync() => app.SharedAsync("cast", async () =>
    {
        var alice = await app.SignInAsNewAsync("Reporter", "Alice");
        var bob = await app.SignInAsNewAsync("Reporter", "Bob");
        var responder = await app.SignInAsNewAsync("Responder");
        var executive = await app.SignInAsNewAsync("Executive");
        var alices = await alice.FileAsync(Bodies.Report("C4", "Alice lost a USB stick"));
        var bobs = await responder.DriveToAsync(await bob.FileAsync(Bodies.Report("C3", "Bob clicked a phishing link")), "analysis");
        return new Cast(alice, bob, responder, executive, alices, bobs);
    });

    [Fact]
    public async Task A_reporter_sees_only_their_own_reports_on_the_board()
    {
        var c = await CastAsync();
        var board = await c.Alice.GetJsonAsync("/api/incidents");
        Assert.Equal(1, board.Long("total"));
        Assert.Equal(c.AlicesReport.Id, board.Items().Single().Guid("id"));
        Assert.DoesNotContain(board.Items(), i => i.Guid("id") == c.BobsReport.Id);
    }

    [Fact]
    public async Task A_reporter_cannot_see_someone_elses_report_or_its_timeline()
    {
        var c = await CastAsync();
        var detail = (await c.Alice.GetAsync(c.BobsReport.Path)).Expect(404);
        Assert.DoesNotContain("Bob clicked", detail.Body);
        (await c.Alice.GetAsync($"{c.BobsReport.Path}/timeline")).Expect(404);
        // The same answer as for an id that does not exist at all: nothing reveals that the report is there.
        var missing = (await c.Alice.GetAsync($"/api/incidents/{Guid.NewGuid()}")).Expect(404);
        Assert.Equal(missing.Json.Str("title"), detail.Json.Str("title"));
    }

    [Fact]
    public async Task A_reporter_sees_their_own_report_and_its_timeline()
    {
        var c = await CastAsync();
        var detail = (await c.Alice.GetAsync(c.AlicesReport.Path)).Expect(200);
        Assert.Equal("Alice lost a USB stick", detail.Json.Str("summary"));
        var timeline = await c.Alice.GetJsonAsync($"{c.AlicesReport.Path}/timeline");
        Assert.Equal("incident_reported", timeline.Items()[0].Str("type"));
    }

    [Fact]
    public async Task A_reporter_can_add_a_note_to_their_own_report()
    {
        var c = await CastAsync();
        var report = await c.Alice.ReloadAsync(c.AlicesReport);
        var noted = await c.Alice.RunAsync(report, "notes", new { text = "  The stick was encrypted with BitLocker.  " });
        var note = noted.Detail.Items("notes")[^1];
        Assert.Equal("The stick was encrypted with BitLocker.", note.Str("text"));
        Assert.Equal(c.Alice.Id, note.Guid("by"));
        Assert.Equal("Alice", note.Str("byName"));
        Assert.Equal(report.Version + 1, noted.Version);
    }

    [Fact]
    public async Task A_reporter_cannot_add_a_note_to_someone_elses_report()
    {
        var c = await CastAsync();
        var bobs = await c.Responder.ReloadAsync(c.BobsReport);
        var before = await app.CountEventsAsync();
        (await c.Alice.PostAsync($"{bobs.Path}/notes", new { text = "Let me in" }, bobs.Version)).Expect(404);
        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Fact]
    public async Task A_reporter_cannot_work_even_their_own_report()
    {
        var c = await CastAsync();
        var report = await c.Alice.ReloadAsync(c.AlicesReport);
        var before = await app.CountEventsAsync();
        (await c.Alice.PostAsync($"{report.Path}/acknowledge", new { }, report.Version)).Expect(403);
        (await c.Alice.PostAsync($"{report.Path}/reclassify", new { category = "C1", reason = "I think it was malware" }, report.Version)).Expect(403);
        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Fact]
    public async Task An_executive_sees_every_report_and_may_note_but_not_work_one()
    {
        var c = await CastAsync();
        var board = await c.Executive.GetJsonAsync("/api/incidents");
        Assert.Contains(board.Items(), i => i.Guid("id") == c.BobsReport.Id);
        Assert.Contains(board.Items(), i => i.Guid("id") == c.AlicesReport.Id);
        var bobs = await c.Executive.ReloadAsync(c.BobsReport);
        (await c.Executive.GetAsync($"{bobs.Path}/timeline")).Expect(200);
        (await c.Executive.PostAsync($"{bobs.Path}/analysis", Bodies.CompleteAnalysis(), bobs.Version)).Expect(403);
        var noted = await c.Executive.RunAsync(bobs, "notes", new { text = "Please report to the board by Friday." });
        Assert.Equal(c.Executive.Id, noted.Detail.Items("notes")[^1].Guid("by"));
    }
}
