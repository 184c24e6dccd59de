using System.Net.Http.Json;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>
/// Every drill-run endpoint refuses bad input with a 400 naming the field, rule violations with a 409 naming the rule,
/// and a stale If-Match with a 412; a participant's view hides what only the facilitator sees. Nothing refused is written.
/// </summary>
public sealed class DrillRunInputTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private sealed record Cast(ApiClient Facilitator, ApiClient Player, ApiClient Outsider);

    private Task<Cast> CastAsync() => app.SharedAsync("drill-cast", async () => new Cast(
        await app.SignInAsNewAsync("Responder", "Drill facilitator"), await app.SignInAsNewAsync("Reporter", "Drill player"),
        await app.SignInAsNewAsync("Reporter", "Not in the drill")));

    private static object Body(Guid facilitator, Guid player, string scenario = "kyt-01", int timeScale = 10, object? participants = null) => new
    {
        scenarioId = scenario, facilitatorId = facilitator,
        participants = participants ?? new[] { new { userId = player, role = "player", team = "staff" } },
        plannedStart = DateTimeOffset.UtcNow.AddDays(1), timeScale, announced = true,
    };

    private static async Task<(Guid Id, long Version)> ScheduledAsync(Cast c)
    {
        var r = (await c.Facilitator.PostAsync("/api/drills/runs", Body(c.Facilitator.Id, c.Player.Id))).Expect(201);
        return (r.Json.Guid("id"), r.ETagVersion!.Value);
    }

    private async Task<ApiResponse> RefusedAsync(Func<Task<ApiResponse>> call, int status)
    {
        var before = await app.CountEventsAsync();
        var response = (await call()).Expect(status);
        Assert.Equal(before, await app.CountEventsAsync());
        return response;
    }

    [Theory]
    [InlineData("scenarioId", "{\"scenarioId\":\"no-such-scenario\"}")]
    [InlineData("timeScale", "{\"timeScale\":61}")]
    [InlineData("timeScale", "{\"timeScale\":0}")]
    [InlineData("participants", "{\"participants\":[]}")]
    [InlineData("participants.0", "{\"participants\":[null]}")]
    [InlineData("participants.0.team", "{\"participants\":[{\"userId\":\"PLAYER\",\"role\":\"player\",\"team\":\"all\"}]}")]
    [InlineData("participants.0.role", "{\"participants\":[{\"userId\":\"PLAYER\",\"team\":\"staff\"}]}")]
    [InlineData("participants.1.userId", "{\"participants\":[{\"userId\":\"PLAYER\",\"role\":\"player\",\"team\":\"staff\"},{\"userId\":\"PLAYER\",\"role\":\"observer\",\"team\":\"staff\"}]}")]
    [InlineData("facilitatorId", "{\"facilitatorId\":\"PLAYER\"}")]
    [InlineData("plannedStart", "{\"plannedStart\":\"2001-01-01T00:00:00Z\"}")]
    [InlineData("scenarioId", "{\"scenarioId\":\"bad\\u0007id\"}")]
    public async Task Scheduling_refuses_bad_input_naming_the_field(string field, string patch)
    {
        var c = await CastAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Body(c.Facilitator.Id, c.Player.Id)))!.AsObject();
        foreach (var (k, v) in System.Text.Json.Nodes.JsonNode.Parse(patch.Replace("PLAYER", c.Player.Id.ToString()))!.AsObject().ToList())
            body[k] = v?.DeepClone();
        var response = await RefusedAsync(() => c.Facilitator.PostRawAsync("/api/drills/runs", body.ToJsonString()), 400);
        Assert.Contains(field, response.ErrorFields);
    }

    [Fact]
    public async Task Scheduling_refuses_a_facilitator_who_is_also_a_participant_and_a_reporter_who_schedules()
    {
        var c = await CastAsync();
        var both = await RefusedAsync(() => c.Facilitator.PostAsync("/api/drills/runs", Body(c.Facilitator.Id, c.Facilitator.Id)), 409);
        Assert.Contains("facilitator_not_participant", both.RuleCodes);
        await RefusedAsync(() => c.Player.PostAsync("/api/drills/runs", Body(c.Facilitator.Id, c.Player.Id)), 403);
    }

    [Fact]
    public async Task Lifecycle_commands_need_the_version_read_and_break_their_rules_by_name()
    {
        var c = await CastAsync();
        var (id, v) = await ScheduledAsync(c);
        var path = $"/api/drills/runs/{id}";

        Assert.Contains("If-Match", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/start", null), 400)).ErrorFields);
        Assert.Contains("pause_only_when_running", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/pause", null, v), 409)).RuleCodes);
        Assert.Contains("resume_only_when_paused", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/resume", null, v), 409)).RuleCodes);
        Assert.Contains("stop_only_when_running", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/stop", null, v), 409)).RuleCodes);
        Assert.Contains("end_only_when_started", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/end", null, v), 409)).RuleCodes);
        Assert.Contains("injects_only_when_running", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/injects/next", null, v), 409)).RuleCodes);
        Assert.Contains("reveal_only_after_start", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/reveal", null, v), 409)).RuleCodes);
        Assert.Contains("predictions_only_during_run", (await RefusedAsync(() => c.Player.PostAsync($"{path}/predictions", new { text = "x" }), 409)).RuleCodes);
        Assert.Contains("only_facilitator", (await RefusedAsync(() => c.Player.PostAsync($"{path}/start", null, v), 409)).RuleCodes);
        Assert.Contains("reason", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/stop", new { reason = "two\nlines" }, v), 400)).ErrorFields);
        await RefusedAsync(() => c.Outsider.GetAsync(path), 404);
        await RefusedAsync(() => c.Outsider.PostAsync($"{path}/start", null, v), 404);

        var started = (await c.Facilitator.PostAsync($"{path}/start", null, v)).Expect(200);
        Assert.StartsWith("DRL-", started.Json.Str("incidentReference"));
        await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/pause", null, v), 412);
        Assert.Contains("start_only_when_scheduled",
            (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/start", null, started.ETagVersion), 409)).RuleCodes);
        Assert.Contains("cancel_only_when_scheduled",
            (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/cancel", null, started.ETagVersion), 409)).RuleCodes);
    }

    [Fact]
    public async Task KYT_endpoints_refuse_bad_input_and_keep_their_order_and_a_participant_sees_only_their_part()
    {
        var c = await CastAsync();
        var (id, v) = await ScheduledAsync(c);
        var path = $"/api/drills/runs/{id}";
        v = (await c.Facilitator.PostAsync($"{path}/start", null, v)).Expect(200).ETagVersion!.Value;

        Assert.Contains("text", (await RefusedAsync(() => c.Player.PostAsync($"{path}/predictions", new { text = "" }), 400)).ErrorFields);
        Assert.Contains("text", (await RefusedAsync(() => c.Player.PostAsync($"{path}/predictions", new { text = new string('x', 301) }), 400)).ErrorFields);
        Assert.Contains("body", (await RefusedAsync(() => c.Player.PostAsync($"{path}/predictions", null), 400)).ErrorFields);
        for (var i = 0; i < 3; i++) (await c.Player.PostAsync($"{path}/predictions", new { text = $"risk {i}" })).Expect(200);
        var fourth = await RefusedAsync(() => c.Player.PostAsync($"{path}/predictions", new { text = "a fourth" }), 409);
        Assert.Contains("at_most_three_predictions", fourth.RuleCodes);

        var player = await c.Player.GetJsonAsync(path);
        Assert.Null(player["reveal"]);
        Assert.Null(player["observations"]);
        Assert.All(player["injects"]!.AsArray(), i => Assert.Null(i!["facilitatorNotes"]));
        Assert.Equal(0, player["you"]!["predictionsLeft"]!.GetValue<int>());
        var facilitator = await c.Facilitator.GetJsonAsync(path);
        Assert.NotNull(facilitator["reveal"]);
        v = facilitator["version"]!.GetValue<long>();

        var pid = player["predictions"]![0]!.Guid("predictionId");
        Assert.Contains("match_only_after_reveal", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/predictions/{pid}/match", new { matched = true }), 409)).RuleCodes);
        Assert.Contains("kyt_only_after_reveal", (await RefusedAsync(() => Put(c.Facilitator, $"{path}/kyt", Kyt(), v), 409)).RuleCodes);
        v = (await c.Facilitator.PostAsync($"{path}/reveal", null, v)).Expect(200).ETagVersion!.Value;
        Assert.NotNull((await c.Player.GetJsonAsync(path))["reveal"]);
        Assert.Contains("predictions_before_reveal", (await RefusedAsync(() => c.Player.PostAsync($"{path}/predictions", new { text = "late" }), 409)).RuleCodes);

        Assert.Contains("matched", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/predictions/{pid}/match", new { }), 400)).ErrorFields);
        await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/predictions/{Guid.NewGuid()}/match", new { matched = true }), 404);
        Assert.Contains("only_facilitator_or_evaluators_match", (await RefusedAsync(() => c.Player.PostAsync($"{path}/predictions/{pid}/match", new { matched = true }), 409)).RuleCodes);
        (await c.Facilitator.PostAsync($"{path}/predictions/{pid}/match", new { matched = true })).Expect(200);

        Assert.Contains("keyPoints.0", (await RefusedAsync(() => Put(c.Facilitator, $"{path}/kyt", new { keyPoints = new string?[] { null }, countermeasures = new[] { "c" }, teamGoal = "g" }, v), 400)).ErrorFields);
        Assert.Contains("teamGoal", (await RefusedAsync(() => Put(c.Facilitator, $"{path}/kyt", new { keyPoints = new[] { "k" }, countermeasures = new[] { "c" }, teamGoal = "" }, v), 400)).ErrorFields);
        Assert.Contains("countermeasures", (await RefusedAsync(() => Put(c.Facilitator, $"{path}/kyt", new { keyPoints = new[] { "k" }, countermeasures = Enumerable.Repeat("c", 11).ToArray(), teamGoal = "g" }, v), 400)).ErrorFields);
        await RefusedAsync(() => Put(c.Facilitator, $"{path}/kyt", Kyt(), v - 1), 412);
        var kyt = (await Put(c.Facilitator, $"{path}/kyt", Kyt(), (await c.Facilitator.GetJsonAsync(path))["version"]!.GetValue<long>())).Expect(200);
        Assert.Equal("Label before sharing", kyt.Json["kyt"]!.Str("teamGoal"));

        Assert.Contains("kind", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/observations", new { kind = "great", text = "x" }), 400)).ErrorFields);
        Assert.Contains("injectId", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/observations", new { kind = "strength", text = "x", injectId = "nope" }), 400)).ErrorFields);
        Assert.Contains("only_facilitator_or_evaluators_observe", (await RefusedAsync(() => c.Player.PostAsync($"{path}/observations", new { kind = "strength", text = "x" }), 409)).RuleCodes);
        (await c.Facilitator.PostAsync($"{path}/observations", new { kind = "area_for_improvement", text = "Nobody knew who owns the share" })).Expect(200);

        var action = facilitator["expectedActions"]![0]!.Str("actionId");
        Assert.Contains("result", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/actions/{action}/judge", new { result = "maybe" }), 400)).ErrorFields);
        await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/actions/no-such-action/judge", new { result = "met" }), 404);
        Assert.Contains("inject_not_delivered", (await RefusedAsync(() => c.Facilitator.PostAsync($"{path}/actions/{action}/judge", new { result = "met" }), 409)).RuleCodes);
        var now = (await c.Facilitator.GetJsonAsync(path))["version"]!.GetValue<long>();
        (await c.Facilitator.PostAsync($"{path}/injects/next", null, now)).Expect(200);
        var judged = (await c.Facilitator.PostAsync($"{path}/actions/{action}/judge", new { result = "met", note = "Quick" })).Expect(200);
        Assert.Equal("met", judged.Json["expectedActions"]![0]!.Str("status"));
        Assert.True(judged.Json["score"]!["met"]!.GetValue<int>() > 0);
        Assert.Contains(id, (await c.Player.GetJsonAsync("/api/drills/runs")).Items().Select(r => r.Guid("id")));
        Assert.DoesNotContain(id, (await c.Outsider.GetJsonAsync("/api/drills/runs")).Items().Select(r => r.Guid("id")));
        Assert.Contains("status", (await RefusedAsync(() => c.Facilitator.GetAsync("/api/drills/runs?status=finished"), 400)).ErrorFields);
    }

    private static object Kyt() => new { keyPoints = new[] { "Unclassified files" }, countermeasures = new[] { "Label every file" }, teamGoal = "Label before sharing" };

    private static Task<ApiResponse> Put(ApiClient client, string path, object body, long version)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }
}
