using System.Text.Json.Nodes;
using IncidentDesk.IntegrationTests.Infrastructure;
using static IncidentDesk.IntegrationTests.Drills.ImprovementCalls;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>Drill runs driven over HTTP as a facilitator does: schedule the KYT scenario, start, judge, observe, end.</summary>
public static class DrillRunCalls
{
    public const string Scenario = "kyt-01";

    public static async Task<JsonNode> RunToEndAsync(this ApiClient facilitator, Guid player, Guid evaluator, string? missAction = "predictions")
    {
        var scheduled = (await facilitator.PostAsync("/api/drills/runs", new
        {
            scenarioId = Scenario, facilitatorId = facilitator.Id, plannedStart = DateTimeOffset.UtcNow.AddMinutes(5), timeScale = 10,
            participants = new object[] { new { userId = player, role = "player", team = "staff" }, new { userId = evaluator, role = "evaluator", team = "staff" } },
        })).Expect(201).Json;
        var path = $"/api/drills/runs/{scheduled.Str("id")}";
        var run = (await facilitator.PostAsync($"{path}/start", null, scheduled.Long("version"))).Expect(200).Json;
        // The situation (the first inject) by hand: timers do not run here.
        run = (await facilitator.PostAsync($"{path}/injects/next", null, run.Long("version"))).Expect(200).Json;
        if (missAction is not null)
            run = (await facilitator.PostAsync($"{path}/actions/{missAction}/judge", new { result = "missed", note = "Nobody wrote one down" }, run.Long("version")))
                .Expect(200).Json;
        run = (await facilitator.PostAsync($"{path}/observations", new { kind = "strength", text = "The team named the server at once" }, run.Long("version")))
            .Expect(200).Json;
        return (await facilitator.PostAsync($"{path}/end", null, run.Long("version"))).Expect(200).Json;
    }

    public static string ReportPath(JsonNode run) => $"/api/drills/runs/{run.Str("id")}/report";

    public static Task<ApiResponse> PutReportAsync(this ApiClient client, JsonNode run, object body, long version) =>
        client.SendJsonAsync(HttpMethod.Put, ReportPath(run), body, version);
}

/// <summary>
/// The after-action report on a real database: generated when the drill ends, a draft the facilitator edits (summary,
/// HSEEP ratings), finalised (then edits are 409), read by staff and evaluators only; missed actions suggested as items;
/// a later run of the same scenario shows the earlier run's items and whether it retested them.
/// </summary>
public sealed class DrillReportTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private sealed record People(ApiClient Facilitator, ApiClient Player, ApiClient Evaluator, ApiClient OtherResponder, ApiClient Executive, ApiClient Outsider);

    private Task<People> PeopleAsync() => app.SharedAsync("people", async () => new People(
        await app.SignInAsNewAsync("Responder", "Facilitator"), await app.SignInAsNewAsync("Reporter", "Player"),
        await app.SignInAsNewAsync("Reporter", "Evaluator"), await app.SignInAsNewAsync("Responder"), await app.SignInAsNewAsync("Executive"),
        await app.SignInAsNewAsync("Reporter")));

    [Fact]
    public async Task The_report_is_generated_when_the_drill_ends_edited_by_the_facilitator_then_finalised_and_edits_are_refused()
    {
        var p = await PeopleAsync();
        var scheduled = (await p.Facilitator.PostAsync("/api/drills/runs", new
        {
            scenarioId = DrillRunCalls.Scenario, facilitatorId = p.Facilitator.Id, plannedStart = DateTimeOffset.UtcNow.AddMinutes(5), timeScale = 10,
            participants = new object[] { new { userId = p.Player.Id, role = "player", team = "staff" } },
        })).Expect(201).Json;
        (await p.Facilitator.GetAsync($"/api/drills/runs/{scheduled.Str("id")}/report")).Expect(404);

        var run = await p.Facilitator.RunToEndAsync(p.Player.Id, p.Evaluator.Id);
        var read = (await p.Facilitator.GetAsync(DrillRunCalls.ReportPath(run))).Expect(200);
        Assert.Equal(1, read.ETagVersion);
        var report = read.Json;
        Assert.False(report.Bool("final"));
        Assert.True(report.Bool("mayEdit"));
        Assert.Equal(DrillRunCalls.Scenario, report["run"]!.Str("scenarioId"));
        Assert.Equal("ended", report["run"]!.Str("status"));
        Assert.Equal(["drill_scheduled", "drill_started"], report["timeline"]!.AsArray().Take(2).Select(t => t!.Str("type")));
        Assert.Equal("drill_ended", report["timeline"]!.AsArray().Last()!.Str("type"));
        Assert.Contains(report["timeline"]!.AsArray(), t => t!.Str("type") == "drill_action_judged"
            && t!["info"]!.Str("en").StartsWith("missed", StringComparison.Ordinal) && t!["info"]!.Str("ja").StartsWith("未達", StringComparison.Ordinal));
        Assert.Equal(1, report["actions"]!["missed"]!.GetValue<int>());
        Assert.Contains(report["suggestions"]!.AsArray(), s => s!.Str("kind") == "missed-action" && s!.Str("expectedActionId") == "predictions");
        var objectives = report["ratings"]!.AsArray().Select(r => r!.Str("objectiveId")).ToList();
        Assert.Equal(["spot-unclassified", "access-control"], objectives);
        Assert.All(report["ratings"]!.AsArray(), r => Assert.False(r!.Bool("edited")));

        // A missed action taken up as an item leaves the suggestions.
        await p.Facilitator.CreateItemAsync(new
        {
            title = "Write predictions down", ownerId = p.Player.Id, dueDate = Day(Today.AddDays(30)),
            source = new { runId = run.Guid("id"), expectedActionId = "predictions" },
        });
        report = await p.Facilitator.GetJsonAsync(DrillRunCalls.ReportPath(run));
        Assert.DoesNotContain(report["suggestions"]!.AsArray(), s => s!.StrOrNull("expectedActionId") == "predictions");
        Assert.Single(report["improvements"]!.AsArray());

        var edited = (await p.Facilitator.PutReportAsync(run, new
        {
            summary = "The team spotted the unclassified server; nobody wrote predictions down.",
            ratings = new[] { new { objectiveId = "access-control", rating = "M", note = "No owner for access rights" } },
        }, 1)).Expect(200);
        Assert.Equal(2, edited.ETagVersion);
        var access = edited.Json["ratings"]!.AsArray().Single(r => r!.Str("objectiveId") == "access-control")!;
        Assert.Equal(("M", true), (access.Str("rating"), access.Bool("edited")));
        (await p.Facilitator.PutReportAsync(run, new { summary = "stale" }, 1)).Expect(412);
        (await p.OtherResponder.PutReportAsync(run, new { summary = "not mine" }, 2)).Expect(403);

        var finalised = (await p.Facilitator.PostAsync($"{DrillRunCalls.ReportPath(run)}/finalise", null, 2)).Expect(200);
        Assert.Equal(3, finalised.ETagVersion);
        Assert.True(finalised.Json.Bool("final"));
        Assert.False(finalised.Json.Bool("mayEdit"));
        Assert.Equal("Facilitator", finalised.Json.Str("finalisedByName"));
        Assert.All(finalised.Json["ratings"]!.AsArray(), r => Assert.NotNull(r!["rating"]));

        var refused = (await p.Facilitator.PutReportAsync(run, new { summary = "after the fact" }, 3)).Expect(409);
        Assert.Equal(["report_finalised"], refused.RuleCodes);
        Assert.Equal(["report_finalised"], (await p.Facilitator.PostAsync($"{DrillRunCalls.ReportPath(run)}/finalise", null, 3)).Expect(409).RuleCodes);

        // Later judging on the run does not change the finalised report: it reads the run as it was finalised.
        var current = await p.Facilitator.GetJsonAsync($"/api/drills/runs/{run.Str("id")}");
        (await p.Facilitator.PostAsync($"/api/drills/runs/{run.Str("id")}/actions/predictions/judge", new { result = "met", note = "Found them after all" },
            current.Long("version"))).Expect(200);
        var frozen = await p.Facilitator.GetJsonAsync(DrillRunCalls.ReportPath(run));
        Assert.Equal(1, frozen["actions"]!["missed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Staff_and_evaluators_read_the_report_players_and_outsiders_do_not()
    {
        var p = await PeopleAsync();
        var run = await p.Facilitator.RunToEndAsync(p.Player.Id, p.Evaluator.Id, missAction: null);
        var path = DrillRunCalls.ReportPath(run);
        var before = await app.CountEventsAsync();

        (await p.Evaluator.GetAsync(path)).Expect(200);
        Assert.False((await p.Evaluator.GetJsonAsync(path)).Bool("mayEdit"));
        (await p.Executive.GetAsync(path)).Expect(200);
        (await p.OtherResponder.GetAsync(path)).Expect(200);
        (await p.Player.GetAsync(path)).Expect(403);
        (await p.Outsider.GetAsync(path)).Expect(404);
        (await app.Anonymous().GetAsync(path)).Expect(401);
        (await p.Executive.PutReportAsync(run, new { summary = "x" }, 1)).Expect(403);
        (await p.Evaluator.PutReportAsync(run, new { summary = "x" }, 1)).Expect(403);
        (await p.Player.PostAsync($"{path}/finalise", null, 1)).Expect(403);
        (await p.Outsider.PostAsync($"{path}/finalise", null, 1)).Expect(404);
        Assert.Equal(before, await app.CountEventsAsync());
        // An admin stands in for the facilitator.
        (await app.Admin.PutReportAsync(run, new { notes = "Filled in by the admin" }, 1)).Expect(200);
    }

    [Theory]
    [InlineData("""{"summary":"a\u0001b"}""", "summary")]
    [InlineData("""{"notes":"{long}"}""", "notes")]
    [InlineData("""{"ratings":[null]}""", "ratings.0")]
    [InlineData("""{"ratings":[{"rating":"P"}]}""", "ratings.0.objectiveId")]
    [InlineData("""{"ratings":[{"objectiveId":"access-control"}]}""", "ratings.0.rating")]
    [InlineData("""{"ratings":[{"objectiveId":"access-control","rating":"A"}]}""", "ratings.0.rating")]
    [InlineData("""{"ratings":[{"objectiveId":"no-such-objective","rating":"P"}]}""", "ratings.0.objectiveId")]
    [InlineData("""{"ratings":[{"objectiveId":"access-control","rating":"P"},{"objectiveId":"access-control","rating":"S"}]}""", "ratings.1.objectiveId")]
    [InlineData("""{"ratings":[{"objectiveId":"access-control","rating":"P","note":"a\u0000"}]}""", "ratings.0.note")]
    [InlineData("", "body")]
    public async Task Editing_the_report_with_bad_input_is_a_400_naming_the_field(string json, string field)
    {
        var p = await PeopleAsync();
        var run = await app.SharedAsync("ended", async () => await p.Facilitator.RunToEndAsync(p.Player.Id, p.Evaluator.Id, missAction: null));
        var request = new HttpRequestMessage(HttpMethod.Put, DrillRunCalls.ReportPath(run));
        if (json.Length > 0)
            request.Content = new StringContent(json.Replace("{long}", new string('x', 8001)), System.Text.Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var before = await app.CountEventsAsync();

        (await p.Facilitator.SendAsync(request)).ExpectFieldError(field);

        Assert.Equal(before, await app.CountEventsAsync());
        (await p.Facilitator.PutReportAsync(run, new { summary = "x" }, 0)).ExpectFieldError("If-Match");
        (await p.Facilitator.PostAsync($"{DrillRunCalls.ReportPath(run)}/finalise", null)).ExpectFieldError("If-Match");
        (await p.Facilitator.GetAsync($"/api/drills/runs/{Guid.NewGuid()}/report")).Expect(404);
    }

    [Fact]
    public async Task A_later_run_of_the_same_scenario_shows_the_earlier_runs_items_and_whether_it_retested_them()
    {
        var p = await PeopleAsync();
        var first = await p.Facilitator.RunToEndAsync(p.Player.Id, p.Evaluator.Id);
        var item = await p.Facilitator.CreateItemAsync(new
        {
            title = "Label the confidential folders", ownerId = p.Player.Id, dueDate = Day(Today.AddDays(10)),
            source = new { runId = first.Guid("id"), expectedActionId = "predictions" },
        });
        Assert.Equal(DrillRunCalls.Scenario, item["source"]!.Str("scenarioId"));
        item = (await p.Player.StatusAsync(item, "done")).Expect(200).Json;
        // The run the item came from cannot be its retest.
        Assert.Equal(["retest_not_later"], (await p.Facilitator.PostAsync($"{Items}/{item.Str("id")}/status",
            new { status = "verified", retestRunId = first.Guid("id") }, item.Long("version"))).Expect(409).RuleCodes);

        var second = await p.Facilitator.RunToEndAsync(p.Player.Id, p.Evaluator.Id, missAction: null);
        var report = await p.Facilitator.GetJsonAsync(DrillRunCalls.ReportPath(second));
        var earlier = Assert.Single(report["retested"]!.AsArray(), r => r!["item"]!.Str("id") == item.Str("id"))!;
        Assert.False(earlier.Bool("retestedByThisRun"));
        Assert.Equal("done", earlier["item"]!.Str("status"));

        (await p.Facilitator.PostAsync($"{Items}/{item.Str("id")}/status", new { status = "verified", retestRunId = second.Guid("id"), note = "Held in run 2" },
            item.Long("version"))).Expect(200);
        report = await p.Facilitator.GetJsonAsync(DrillRunCalls.ReportPath(second));
        earlier = Assert.Single(report["retested"]!.AsArray(), r => r!["item"]!.Str("id") == item.Str("id"))!;
        Assert.True(earlier.Bool("retestedByThisRun"));
        Assert.Equal("verified", earlier["item"]!.Str("status"));
        // The first run's report does not list its own items as earlier ones.
        Assert.DoesNotContain((await p.Facilitator.GetJsonAsync(DrillRunCalls.ReportPath(first)))["retested"]!.AsArray(),
            r => r!["item"]!.Str("id") == item.Str("id"));
    }
}
