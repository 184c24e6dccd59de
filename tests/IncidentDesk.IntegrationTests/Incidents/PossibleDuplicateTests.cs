using IncidentDesk.IntegrationTests.Infrastructure;
using IncidentDesk.IntegrationTests.Playbooks;

namespace IncidentDesk.IntegrationTests.Incidents;

/// <summary>
/// Filing flags a possible duplicate (issue 9 §5): the same reporter, the same category, within the previous hour,
/// nearly the same text. The flag is an event of its own by the system; responders see it, reporters never do.
/// </summary>
public sealed class PossibleDuplicateTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private const string Ransom = "PCの画面に身代金を要求するメッセージが出ました。ファイルが開けません。";
    private const string RansomAgain = "PCの画面に身代金を要求するメッセージが表示されました。ファイルが開けません！";

    private Task<ApiClient> ResponderAsync() => app.SharedAsync("responder", () => app.SignInAsNewAsync("Responder", "Aoi Responder"));

    private static async Task<IReadOnlyList<string>> TypesAsync(ApiClient client, IncidentRef incident) =>
        (await client.GetJsonAsync($"{incident.Path}/timeline")).Items().Select(e => e.Str("type")).ToList();

    [Fact]
    public async Task A_similar_report_of_the_same_category_within_the_hour_is_flagged_for_responders_with_the_other_incident()
    {
        var responder = await ResponderAsync();
        var reporter = await app.SignInAsNewAsync("Reporter");
        var first = await reporter.FileAsync(Bodies.Report("C2", Ransom));
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var events = await app.CountEventsAsync();
        var second = await reporter.FileAsync(Bodies.Report("C2", RansomAgain));

        // Staff: on the incident page (with the other incident's id and reference) and on the board row.
        var detail = await responder.GetJsonAsync(second.Path);
        var flag = detail["possibleDuplicateOf"]!;
        Assert.Equal(first.Id, flag.Guid("id"));
        Assert.Equal(first.Reference, flag.Str("reference"));
        Assert.InRange(flag["similarity"]!.GetValue<double>(), 0.8, 1);
        var row = (await responder.GetJsonAsync($"/api/incidents?q={second.Reference}")).Items().Single();
        Assert.Equal(first.Id, row["possibleDuplicateOf"]!.Guid("id"));
        Assert.Equal(first.Reference, row["possibleDuplicateOf"]!.Str("reference"));
        Assert.Equal(detail.Long("version"), row.Long("version"));

        // One event of its own on the new incident, by the system, at the filing time; the earlier one is untouched.
        var recorded = Assert.Single(await responder.TimelineAsync(second, "possible_duplicate_flagged"));
        Assert.Equal(first.Id, recorded["data"]!.Guid("otherIncidentId"));
        Assert.Equal(first.Reference, recorded["data"]!.Str("otherReference"));
        Assert.Equal("00000000-0000-4000-8000-00000000d35c", recorded["data"]!.Str("actor"));
        Assert.Equal(detail.Time("reportedAt"), recorded["data"]!.Time("at"));
        Assert.True((await responder.GetJsonAsync(first.Path))["possibleDuplicateOf"] is null);
        Assert.Empty(await responder.TimelineAsync(first, "possible_duplicate_flagged"));
        Assert.True(await app.CountEventsAsync() > events);

        // The reporter: not in the answer to filing, the detail, the list or the timeline.
        Assert.True(second.Detail["possibleDuplicateOf"] is null, second.Detail.ToJsonString());
        Assert.True((await reporter.GetJsonAsync(second.Path))["possibleDuplicateOf"] is null);
        var own = (await reporter.GetJsonAsync("/api/incidents?reporter=me")).Items().Single(i => i.Guid("id") == second.Id);
        Assert.True(own["possibleDuplicateOf"] is null, own.ToJsonString());
        Assert.DoesNotContain("possible_duplicate_flagged", await TypesAsync(reporter, second));
        Assert.Contains("possible_duplicate_flagged", await TypesAsync(responder, second));
    }

    [Fact]
    public async Task A_different_text_is_not_flagged()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        await reporter.FileAsync(Bodies.Report("C2", Ransom));
        var other = await reporter.FileAsync(Bodies.Report("C2", "共有フォルダの拡張子がすべて .locked に変わっています"));
        await AssertNotFlaggedAsync(other);
    }

    [Fact]
    public async Task A_different_category_is_not_flagged()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        await reporter.FileAsync(Bodies.Report("C2", Ransom));
        await AssertNotFlaggedAsync(await reporter.FileAsync(Bodies.Report("C1", RansomAgain)));
    }

    [Fact]
    public async Task A_report_more_than_an_hour_after_the_first_is_not_flagged()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        await reporter.FileAsync(Bodies.Report("C2", Ransom));
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await AssertNotFlaggedAsync(await reporter.FileAsync(Bodies.Report("C2", RansomAgain)));
    }

    [Fact]
    public async Task The_same_text_from_another_reporter_is_not_flagged()
    {
        var one = await app.SignInAsNewAsync("Reporter");
        var two = await app.SignInAsNewAsync("Reporter");
        await one.FileAsync(Bodies.Report("C2", Ransom));
        await AssertNotFlaggedAsync(await two.FileAsync(Bodies.Report("C2", Ransom)));
    }

    private async Task AssertNotFlaggedAsync(IncidentRef incident)
    {
        var responder = await ResponderAsync();
        Assert.True((await responder.GetJsonAsync(incident.Path))["possibleDuplicateOf"] is null);
        Assert.True((await responder.GetJsonAsync($"/api/incidents?q={incident.Reference}")).Items().Single()["possibleDuplicateOf"] is null);
        Assert.Empty(await responder.TimelineAsync(incident, "possible_duplicate_flagged"));
    }
}
