using IncidentDesk.IntegrationTests.Infrastructure;
using static IncidentDesk.IntegrationTests.Drills.ImprovementCalls;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>Exercises logged without a scenario run (R37) over HTTP: log with results and items, read, correct, delete; roles; bad input.</summary>
public sealed class ExerciseTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private sealed record People(ApiClient Responder, ApiClient Executive, ApiClient Reporter);

    private Task<People> PeopleAsync() => app.SharedAsync("people", async () => new People(
        await app.SignInAsNewAsync("Responder"), await app.SignInAsNewAsync("Executive"), await app.SignInAsNewAsync("Reporter")));

    [Fact]
    public async Task A_phishing_simulation_is_logged_with_its_figures_and_items_read_corrected_and_deleted()
    {
        var p = await PeopleAsync();
        var logged = (await p.Responder.PostAsync(Exercises, new
        {
            type = "phishing-simulation", date = Day(Today.AddDays(-2)), title = "Autumn phishing test", participantsCount = 40,
            phishing = new { emailsSent = 40, clicked = 6, reported = 13, credentialsEntered = 2 },
            improvements = new[] { new { title = "Teach the report button", detail = (string?)null, ownerId = p.Responder.Id, dueDate = Day(Today.AddDays(30)) } },
        })).Expect(201);
        var exercise = logged.Json;
        Assert.Equal(1, logged.ETagVersion);
        Assert.Equal("phishing-simulation", exercise.Str("type"));
        Assert.Equal(15.0, exercise["clickRate"]!.GetValue<double>());
        Assert.Equal(32.5, exercise["reportRate"]!.GetValue<double>());
        var item = Assert.Single(exercise["improvements"]!.AsArray())!;
        Assert.Equal("Teach the report button", item.Str("title"));
        Assert.Equal(exercise.Guid("id"), item.Guid("exerciseId"));

        var read = await p.Executive.GetAsync($"{Exercises}/{exercise.Str("id")}");
        Assert.Equal(1, read.Expect(200).ETagVersion);
        Assert.Contains((await p.Executive.GetJsonAsync($"{Exercises}?type=phishing-simulation")).Items(), e => e.Str("id") == exercise.Str("id"));
        Assert.DoesNotContain((await p.Executive.GetJsonAsync($"{Exercises}?type=backup-restore")).Items(), e => e.Str("id") == exercise.Str("id"));

        var correction = new
        {
            type = "phishing-simulation", date = Day(Today.AddDays(-2)), title = "Autumn phishing test", participantsCount = 41,
            phishing = new { emailsSent = 41, clicked = 6, reported = 14, credentialsEntered = 2 },
        };
        var corrected = (await p.Responder.SendJsonAsync(HttpMethod.Put, $"{Exercises}/{exercise.Str("id")}", correction, 1)).Expect(200);
        Assert.Equal(2, corrected.ETagVersion);
        Assert.Equal(41, corrected.Json["phishing"]!["emailsSent"]!.GetValue<int>());
        // The same record again changes nothing; a change on an old version is stale.
        Assert.Equal(2, (await p.Responder.SendJsonAsync(HttpMethod.Put, $"{Exercises}/{exercise.Str("id")}", correction, 2)).Expect(200).ETagVersion);
        (await p.Responder.SendJsonAsync(HttpMethod.Put, $"{Exercises}/{exercise.Str("id")}", correction with { participantsCount = 42 }, 1)).Expect(412);

        var deleted = (await p.Responder.PostAsync($"{Exercises}/{exercise.Str("id")}/delete", new { reason = "Logged twice" }, 2)).Expect(200).Json;
        Assert.True(deleted.Bool("deleted"));
        Assert.DoesNotContain((await p.Responder.GetJsonAsync(Exercises)).Items(), e => e.Str("id") == exercise.Str("id"));
        Assert.Equal(["exercise_deleted"], (await p.Responder.SendJsonAsync(HttpMethod.Put, $"{Exercises}/{exercise.Str("id")}", correction, 3)).Expect(409).RuleCodes);
    }

    [Fact]
    public async Task A_backup_restore_says_whether_it_met_its_target()
    {
        var p = await PeopleAsync();
        var exercise = await p.Responder.LogExerciseAsync(Restore());

        Assert.True(exercise.Bool("withinTarget"));
        Assert.Equal("File server", exercise["backupRestore"]!.Str("system"));
        Assert.Empty(exercise["improvements"]!.AsArray());
    }

    [Fact]
    public async Task Reporters_may_not_see_or_log_exercises_and_executives_only_read()
    {
        var p = await PeopleAsync();
        var exercise = await p.Responder.LogExerciseAsync();
        var before = await app.CountEventsAsync();

        (await p.Reporter.GetAsync(Exercises)).Expect(403);
        (await p.Reporter.GetAsync($"{Exercises}/{exercise.Str("id")}")).Expect(403);
        (await p.Reporter.PostAsync(Exercises, Restore())).Expect(403);
        (await p.Executive.PostAsync(Exercises, Restore())).Expect(403);
        (await p.Executive.SendJsonAsync(HttpMethod.Put, $"{Exercises}/{exercise.Str("id")}", Restore(), 1)).Expect(403);
        (await p.Executive.PostAsync($"{Exercises}/{exercise.Str("id")}/delete", new { reason = "no" }, 1)).Expect(403);
        (await app.Anonymous().GetAsync(Exercises)).Expect(401);

        Assert.Equal(before, await app.CountEventsAsync());
    }

    public static TheoryData<string, string> BadLogs => new()
    {
        { """{"date":"{today}","title":"t","participantsCount":1,"notes":"n"}""", "type" },
        { """{"type":"fire-drill","date":"{today}","title":"t","participantsCount":1,"notes":"n"}""", "type" },
        { """{"type":"other","title":"t","participantsCount":1,"notes":"n"}""", "date" },
        { """{"type":"other","date":"{tomorrow}","title":"t","participantsCount":1,"notes":"n"}""", "date" },
        { """{"type":"other","date":"{today}","participantsCount":1,"notes":"n"}""", "title" },
        { """{"type":"other","date":"{today}","title":"a\u0007","participantsCount":1,"notes":"n"}""", "title" },
        { """{"type":"other","date":"{today}","title":"t","notes":"n"}""", "participantsCount" },
        { """{"type":"other","date":"{today}","title":"t","participantsCount":-1,"notes":"n"}""", "participantsCount" },
        { """{"type":"other","date":"{today}","title":"t","participantsCount":"many","notes":"n"}""", "participantsCount" },
        { """{"type":"other","date":"{today}","title":"t","participantsCount":1}""", "notes" },
        { """{"type":"backup-restore","date":"{today}","title":"t","participantsCount":1}""", "backupRestore" },
        { """{"type":"backup-restore","date":"{today}","title":"t","participantsCount":1,"backupRestore":{"succeeded":true,"restoreMinutes":3}}""", "backupRestore.system" },
        { """{"type":"backup-restore","date":"{today}","title":"t","participantsCount":1,"backupRestore":{"system":"s","restoreMinutes":3}}""", "backupRestore.succeeded" },
        { """{"type":"backup-restore","date":"{today}","title":"t","participantsCount":1,"backupRestore":{"system":"s","succeeded":true,"restoreMinutes":-3}}""", "backupRestore.restoreMinutes" },
        { """{"type":"phishing-simulation","date":"{today}","title":"t","participantsCount":1}""", "phishing" },
        { """{"type":"phishing-simulation","date":"{today}","title":"t","participantsCount":1,"phishing":{"emailsSent":5,"clicked":6,"reported":0}}""", "phishing.clicked" },
        { """{"type":"phishing-simulation","date":"{today}","title":"t","participantsCount":1,"phishing":{"emailsSent":5,"clicked":1}}""", "phishing.reported" },
        { """{"type":"other","date":"{today}","title":"t","participantsCount":1,"notes":"n","phishing":{"emailsSent":5,"clicked":1,"reported":1}}""", "phishing" },
        { """{"type":"other","date":"{today}","title":"t","participantsCount":1,"notes":"n","improvements":[null]}""", "improvements.0" },
        { """{"type":"other","date":"{today}","title":"t","participantsCount":1,"notes":"n","improvements":[{"ownerId":"{owner}","dueDate":"{tomorrow}"}]}""", "improvements.0.title" },
        { """{"type":"other","date":"{today}","title":"t","participantsCount":1,"notes":"n","improvements":[{"title":"x","ownerId":"{nobody}","dueDate":"{tomorrow}"}]}""", "improvements.0.ownerId" },
        { """{"type":"other","date":"{today}","title":"t","participantsCount":1,"notes":"n","improvements":[{"title":"x","ownerId":"{owner}","dueDate":"2020-01-01"}]}""", "improvements.0.dueDate" },
        { "", "body" },
    };

    [Theory]
    [MemberData(nameof(BadLogs))]
    public async Task Logging_with_bad_input_is_a_400_naming_the_field_and_writes_nothing(string template, string field)
    {
        var p = await PeopleAsync();
        var json = template.Replace("{today}", Day(Today)).Replace("{tomorrow}", Day(Today.AddDays(1))).Replace("{owner}", p.Responder.Id.ToString())
            .Replace("{nobody}", Guid.NewGuid().ToString());
        var before = await app.CountEventsAsync();

        (await p.Responder.PostRawAsync(Exercises, json.Length == 0 ? null : json)).ExpectFieldError(field);

        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Fact]
    public async Task Correcting_and_deleting_with_bad_input_are_400s_naming_the_field()
    {
        var p = await PeopleAsync();
        var exercise = await p.Responder.LogExerciseAsync();
        var path = $"{Exercises}/{exercise.Str("id")}";

        (await p.Responder.SendJsonAsync(HttpMethod.Put, path, Restore(), null)).ExpectFieldError("If-Match");
        (await p.Responder.SendJsonAsync(HttpMethod.Put, path, new { type = "backup-restore", date = Day(Today), title = "t", participantsCount = 1 }, 1))
            .ExpectFieldError("backupRestore");
        (await p.Responder.SendJsonAsync(HttpMethod.Put, path, new
        {
            type = "other", date = Day(Today), title = "t", participantsCount = 1, notes = "n",
            improvements = new[] { new { title = "x", ownerId = p.Responder.Id, dueDate = Day(Today) } },
        }, 1)).ExpectFieldError("improvements");
        (await p.Responder.PostAsync($"{path}/delete", new { reason = "" }, 1)).ExpectFieldError("reason");
        (await p.Responder.PostAsync($"{path}/delete", new { }, 1)).ExpectFieldError("reason");
        (await p.Responder.PostAsync($"{path}/delete", new { reason = "r" })).ExpectFieldError("If-Match");
        (await p.Responder.GetAsync($"{Exercises}/{Guid.NewGuid()}")).Expect(404);
        (await p.Responder.GetAsync($"{Exercises}?type=fire")).ExpectFieldError("type");
        (await p.Responder.GetAsync($"{Exercises}?from=2026-12-01&to=2026-11-01")).ExpectFieldError("to");
        (await p.Responder.GetAsync($"{Exercises}?from=yesterday")).ExpectFieldError("from");
    }
}
