using IncidentDesk.IntegrationTests.Infrastructure;
using static IncidentDesk.IntegrationTests.Drills.ImprovementCalls;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>
/// Improvement items over HTTP on a real database: created from an exercise, edited, assigned, moved through their
/// statuses by their owner, verified by a later exercise; who may do what; bad input named by field, rules by code,
/// stale versions refused.
/// </summary>
public sealed class ImprovementItemTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private sealed record People(ApiClient Responder, ApiClient Executive, ApiClient Reporter, ApiClient OtherReporter, JsonNodeHolder Exercise);

    private sealed record JsonNodeHolder(System.Text.Json.Nodes.JsonNode Node);

    private Task<People> PeopleAsync() => app.SharedAsync("people", async () =>
    {
        var responder = await app.SignInAsNewAsync("Responder", "Improver");
        return new People(responder, await app.SignInAsNewAsync("Executive"), await app.SignInAsNewAsync("Reporter", "Owner"),
            await app.SignInAsNewAsync("Reporter"), new JsonNodeHolder(await responder.LogExerciseAsync()));
    });

    private static Guid ExerciseId(People p) => p.Exercise.Node.Guid("id");

    [Fact]
    public async Task An_item_is_created_edited_assigned_and_its_owner_moves_it_to_done_then_a_later_exercise_verifies_it()
    {
        var p = await PeopleAsync();
        var created = (await p.Responder.PostAsync(Items, Item(p.Reporter.Id, ExerciseId(p)))).Expect(201);
        var item = created.Json;
        Assert.Equal($"/api/drills/improvements/{item.Str("id")}", created.Location);
        Assert.Equal(1, created.ETagVersion);
        Assert.Equal("open", item.Str("status"));
        Assert.Equal("Owner", item.Str("ownerName"));
        Assert.Equal(ExerciseId(p), item["source"]!.Guid("exerciseId"));
        // A reminder before the due date and one on it.
        Assert.Equal(["before-due", "on-due"], item["reminders"]!.AsArray().Select(r => r!.Str("kind")));

        var playbooks = await p.Responder.GetJsonAsync("/api/playbooks");
        var playbookId = playbooks.Items()[0].Str("id");
        var stepId = (await p.Responder.GetJsonAsync($"/api/playbooks/{playbookId}"))["steps"]![0]!.Str("id");
        var edited = (await p.Responder.PatchItemAsync(item, new
        {
            title = "Test restores every month", dueDate = Day(Today.AddDays(21)), playbookStep = new { playbookId, stepId },
        })).Expect(200);
        item = edited.Json;
        Assert.Equal(2 + 1, edited.ETagVersion); // edited, due date changed
        Assert.Equal("Test restores every month", item.Str("title"));
        Assert.Equal(stepId, item["playbookStep"]!.Str("stepId"));
        Assert.NotNull(item["playbookStep"]!["stepTitle"]);
        // The new due date has its own round of reminders; the first round's no longer count.
        Assert.Equal(2, item["reminders"]!.AsArray().Count(r => r!.Bool("current")));

        // Stale: the version before the edit.
        (await p.Responder.PatchItemAsync(item, new { title = "x" }, ifMatch: 1)).Expect(412);

        // The owner (a reporter) moves it along; the history names them.
        item = (await p.Reporter.StatusAsync(item, "in-progress")).Expect(200).Json;
        item = (await p.Reporter.StatusAsync(item, "done")).Expect(200).Json;
        Assert.Equal(["in-progress", "done"], item["history"]!.AsArray().Select(h => h!.Str("to")));
        Assert.All(item["history"]!.AsArray(), h => Assert.Equal(p.Reporter.Id, h!.Guid("actor")));

        // Verified needs a later exercise of the same type.
        var verify = await p.Responder.StatusAsync(item, "verified");
        Assert.Equal(["retest_required"], verify.Expect(409).RuleCodes);
        var phishing = await p.Responder.LogExerciseAsync(Phishing());
        Assert.Equal(["retest_other_scenario"], (await p.Responder.StatusAsync(item, "verified", retestExerciseId: phishing.Guid("id"))).Expect(409).RuleCodes);
        var retest = await p.Responder.LogExerciseAsync(Restore());
        item = (await p.Responder.StatusAsync(item, "verified", retestExerciseId: retest.Guid("id"))).Expect(200).Json;
        Assert.Equal("verified", item.Str("status"));
        Assert.Equal(retest.Guid("id"), item.Guid("retestExerciseId"));
        Assert.Equal(["improvement_verified"], (await p.Responder.StatusAsync(item, "done")).Expect(409).RuleCodes);
        Assert.Equal(["improvement_verified"], (await p.Responder.PatchItemAsync(item, new { title = "again" })).Expect(409).RuleCodes);

        var listed = await p.Responder.GetJsonAsync($"{Items}?exerciseId={ExerciseId(p)}&status=verified");
        Assert.Contains(listed.Items(), i => i.Str("id") == item.Str("id"));
        var exercise = await p.Responder.GetJsonAsync($"{Exercises}/{ExerciseId(p)}");
        Assert.Contains(exercise["improvements"]!.AsArray(), i => i!.Str("id") == item.Str("id"));
    }

    [Fact]
    public async Task Executives_read_reporters_see_only_their_own_and_only_staff_edit()
    {
        var p = await PeopleAsync();
        var mine = await p.Responder.CreateItemAsync(Item(p.Reporter.Id, ExerciseId(p), title: "Reporter's item"));
        var theirs = await p.Responder.CreateItemAsync(Item(p.Responder.Id, ExerciseId(p), title: "Responder's item"));
        var before = await app.CountEventsAsync();

        (await p.Executive.GetAsync($"{Items}/{theirs.Str("id")}")).Expect(200);
        Assert.False((await p.Executive.GetJsonAsync($"{Items}/{theirs.Str("id")}")).Bool("mayEdit"));
        (await p.Executive.PostAsync(Items, Item(p.Reporter.Id, ExerciseId(p)))).Expect(403);
        (await p.Executive.PatchItemAsync(theirs, new { title = "Executive edit" })).Expect(403);
        (await p.Executive.StatusAsync(theirs, "in-progress")).Expect(403);

        (await p.Reporter.GetAsync($"{Items}/{theirs.Str("id")}")).Expect(404);
        (await p.Reporter.StatusAsync(theirs, "in-progress")).Expect(404);
        (await p.Reporter.PatchItemAsync(theirs, new { title = "x" })).Expect(404);
        (await p.Reporter.PatchItemAsync(mine, new { title = "x" })).Expect(403);
        (await p.Reporter.PostAsync(Items, Item(p.Reporter.Id, ExerciseId(p)))).Expect(403);
        (await p.OtherReporter.GetAsync($"{Items}/{mine.Str("id")}")).Expect(404);
        Assert.Equal(before, await app.CountEventsAsync());

        var reporterList = (await p.Reporter.GetJsonAsync(Items)).Items();
        Assert.NotEmpty(reporterList);
        Assert.All(reporterList, i => Assert.Equal(p.Reporter.Id, i.Guid("ownerId")));
        Assert.Empty((await p.Reporter.GetJsonAsync($"{Items}?ownerId={p.Responder.Id}")).Items());
        Assert.Empty((await p.OtherReporter.GetJsonAsync(Items)).Items());
        Assert.Contains((await p.Executive.GetJsonAsync(Items)).Items(), i => i.Str("id") == theirs.Str("id"));
        Assert.All((await p.Responder.GetJsonAsync($"{Items}?mine=true")).Items(), i => Assert.Equal(p.Responder.Id, i.Guid("ownerId")));
    }

    public static TheoryData<string, string> BadCreates => new()
    {
        { """{"ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}"}}""", "title" },
        { """{"title":"a\tb","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}"}}""", "title" },
        { """{"title":"{long}","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}"}}""", "title" },
        { """{"title":"t","detail":"a\u0001b","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}"}}""", "detail" },
        { """{"title":"t","dueDate":"{due}","source":{"exerciseId":"{exercise}"}}""", "ownerId" },
        { """{"title":"t","ownerId":"{nobody}","dueDate":"{due}","source":{"exerciseId":"{exercise}"}}""", "ownerId" },
        { """{"title":"t","ownerId":"{owner}","source":{"exerciseId":"{exercise}"}}""", "dueDate" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"2020-01-01","source":{"exerciseId":"{exercise}"}}""", "dueDate" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"not a date","source":{"exerciseId":"{exercise}"}}""", "dueDate" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}"}""", "source" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}","source":{}}""", "source" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}","runId":"{nobody}"}}""", "source" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}","source":{"runId":"{nobody}"}}""", "source.runId" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{nobody}"}}""", "source.exerciseId" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}","contactPerson":"Taro"}}""", "source.contactPerson" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}"},"playbookStep":{"playbookId":"no-such","stepId":"x"}}""", "playbookStep.playbookId" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}"},"playbookStep":{"playbookId":"{playbook}","stepId":"no-such-step"}}""", "playbookStep.stepId" },
        { """{"title":"t","ownerId":"{owner}","dueDate":"{due}","source":{"exerciseId":"{exercise}"},"playbookStep":{"stepId":"x"}}""", "playbookStep.playbookId" },
        { "", "body" },
        { "[]", "body" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Creating_with_bad_input_is_a_400_naming_the_field_and_writes_nothing(string template, string field)
    {
        var p = await PeopleAsync();
        var playbook = (await p.Responder.GetJsonAsync("/api/playbooks")).Items()[0].Str("id");
        var json = template.Replace("{owner}", p.Reporter.Id.ToString()).Replace("{exercise}", ExerciseId(p).ToString())
            .Replace("{nobody}", Guid.NewGuid().ToString()).Replace("{due}", Day(Today.AddDays(7))).Replace("{long}", new string('x', 201))
            .Replace("{playbook}", playbook);
        var before = await app.CountEventsAsync();

        (await p.Responder.PostRawAsync(Items, json.Length == 0 ? null : json)).ExpectFieldError(field);

        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Theory]
    [InlineData("""{"title":""}""", "title")]
    [InlineData("""{"title":"a\nb"}""", "title")]
    [InlineData("""{"ownerId":"00000000-0000-0000-0000-000000000001"}""", "ownerId")]
    [InlineData("""{"dueDate":"2020-01-01"}""", "dueDate")]
    [InlineData("""{"playbookStep":{"playbookId":"no-such","stepId":"x"}}""", "playbookStep.playbookId")]
    [InlineData("""{"clearPlaybookStep":"yes"}""", "clearPlaybookStep")]
    [InlineData("", "body")]
    public async Task Editing_with_bad_input_is_a_400_naming_the_field(string json, string field)
    {
        var p = await PeopleAsync();
        var item = await p.Responder.CreateItemAsync(Item(p.Reporter.Id, ExerciseId(p)));
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{Items}/{item.Str("id")}");
        if (json.Length > 0) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{item.Long("version")}\"");

        (await p.Responder.SendAsync(request)).ExpectFieldError(field);
    }

    [Theory]
    [InlineData("""{"note":"x"}""", "status")]
    [InlineData("""{"status":"finished"}""", "status")]
    [InlineData("""{"status":"done","note":"a\u0000b"}""", "note")]
    [InlineData("""{"status":"done","retestExerciseId":"{exercise}"}""", "retestExerciseId")]
    [InlineData("""{"status":"verified","retestRunId":"{exercise}"}""", "retestRunId")]
    [InlineData("", "body")]
    public async Task Changing_status_with_bad_input_is_a_400_naming_the_field(string json, string field)
    {
        var p = await PeopleAsync();
        var item = await p.Responder.CreateItemAsync(Item(p.Reporter.Id, ExerciseId(p)));

        (await p.Responder.PostRawAsync($"{Items}/{item.Str("id")}/status", json.Length == 0 ? null : json.Replace("{exercise}", ExerciseId(p).ToString()),
            $"\"{item.Long("version")}\"")).ExpectFieldError(field);
    }

    [Fact]
    public async Task Commands_need_the_version_read_and_an_unknown_item_is_not_found()
    {
        var p = await PeopleAsync();
        var item = await p.Responder.CreateItemAsync(Item(p.Reporter.Id, ExerciseId(p)));

        (await p.Responder.PostAsync($"{Items}/{item.Str("id")}/status", new { status = "done" })).ExpectFieldError("If-Match");
        (await p.Responder.SendJsonAsync(HttpMethod.Patch, $"{Items}/{item.Str("id")}", new { title = "t" }, null)).ExpectFieldError("If-Match");
        (await p.Responder.StatusAsync(item, "done", ifMatch: 7)).Expect(412);
        (await p.Responder.GetAsync($"{Items}/{Guid.NewGuid()}")).Expect(404);
        (await p.Responder.GetAsync($"{Items}/{ExerciseId(p)}")).Expect(404);
        (await p.Responder.GetAsync($"{Items}?status=finished")).ExpectFieldError("status");
        (await p.Responder.GetAsync($"{Items}?ownerId=nope")).ExpectFieldError("ownerId");
    }
}
