using System.Text.Json.Nodes;
using IncidentDesk.IntegrationTests.Decisions;
using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>
/// The ransomware drill end to end on a real database, Hangfire and maildev, with two API nodes on one database (a
/// cluster): scheduled, started (its incident is DRL-), injects delivered in order by their timers at time scale 60,
/// STOPEX halts them and tells everyone, resume continues, a mail inject reaches its audience marked and its outside
/// party never, requesting the ransom decision in the drill incident ticks the expected action off by itself, and each
/// inject is delivered exactly once although both nodes fire timers.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class DrillRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private TestDatabase db = null!;
    private EscalationNode a = null!;
    private EscalationNode b = null!;
    private readonly Mailbox mail = Mailbox.Shared();

    private void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync("drillruns");
        a = await EscalationNode.StartAsync(db);
        b = await EscalationNode.StartAsync(db);
    }

    public async Task DisposeAsync()
    {
        mail.Dispose();
        await b.DisposeAsync();
        await a.DisposeAsync();
        await db.DisposeAsync();
    }

    private static async Task<ApiClient> SignInAsync(EscalationNode node, TestAccount account)
    {
        var client = node.Factory.CreateApiClient(account);
        (await client.LoginAsync(account.Email, account.Password)).Expect(200);
        return client;
    }

    private static async Task<JsonNode> UntilAsync(ApiClient client, string path, Func<JsonNode, bool> condition, string what, int seconds = 60) =>
        await EscalationNode.EventuallyAsync(async () => await client.GetJsonAsync(path), condition, TimeSpan.FromSeconds(seconds), what);

    private static IEnumerable<string> Delivered(JsonNode run) =>
        run["injects"]!.AsArray().Where(i => i!.Str("status") != "pending").OrderBy(i => i!["deliveredAt"]!.GetValue<DateTimeOffset>()).Select(i => i!.Str("injectId"));

    [Fact]
    public async Task The_ransomware_drill_runs_end_to_end_inside_the_run_and_each_inject_fires_once_on_two_nodes()
    {
        var facilitatorAccount = await DecisionPeople.CreateAsync(a.Admin, "Responder", "facil");
        var playerAccount = await DecisionPeople.CreateAsync(a.Admin, "Responder", "player", "ja");
        var execAccount = await DecisionPeople.CreateAsync(a.Admin, "Executive", "drillexec");
        var facilitator = await SignInAsync(a, facilitatorAccount);
        var player = await SignInAsync(b, playerAccount);

        var scheduled = (await facilitator.PostAsync("/api/drills/runs", new
        {
            scenarioId = "s1-ransomware-telework", facilitatorId = facilitatorAccount.Id,
            participants = new object[]
            {
                new { userId = playerAccount.Id, role = "player", team = "responders" },
                new { userId = execAccount.Id, role = "player", team = "executives" },
            },
            plannedStart = DateTimeOffset.UtcNow.AddMinutes(5), timeScale = 60, announced = true,
        })).Expect(201);
        var runId = scheduled.Json.Guid("id");
        var path = $"/api/drills/runs/{runId}";
        Step("scheduled");
        var invitation = (await mail.WaitForAsync(playerAccount.Email, TimeSpan.FromSeconds(20), m => Mailbox.Text(m).Contains($"/drills/{runId}")))[0];
        Assert.StartsWith("【訓練/DRILL】", Mailbox.Subject(invitation));

        var started = (await facilitator.PostAsync($"{path}/start", null, scheduled.ETagVersion)).Expect(200);
        Assert.Equal("running", started.Json.Str("status"));
        Assert.StartsWith("DRL-", started.Json.Str("incidentReference"));
        var incidentId = started.Json.Guid("incidentId");
        Step($"started, incident {started.Json.Str("incidentReference")}");

        // The first inject (offset 0) fires at once; STOPEX before the second (offset 10: 10 s at ×60).
        var first = await UntilAsync(facilitator, path, r => Delivered(r).Any(), "the first inject delivered", 20);
        var stopped = (await facilitator.PostAsync($"{path}/stop", new { reason = "A real outage" }, first["version"]!.GetValue<long>())).Expect(200);
        Step("STOPEX");
        var stopMail = await mail.WaitForAsync(playerAccount.Email, TimeSpan.FromSeconds(20), m => Mailbox.Subject(m).Contains("STOPEX"));
        Assert.StartsWith("【訓練/DRILL】", Mailbox.Subject(stopMail[0]));
        await Task.Delay(TimeSpan.FromSeconds(12));
        var whileStopped = await facilitator.GetJsonAsync(path);
        Assert.Equal("call-from-home", Assert.Single(Delivered(whileStopped)));
        Step("nothing delivered while stopped");

        var resumed = (await facilitator.PostAsync($"{path}/resume", null, stopped.ETagVersion)).Expect(200);
        Assert.Equal("running", resumed.Json.Str("status"));
        var three = await UntilAsync(facilitator, path, r => Delivered(r).Count() >= 3, "three injects delivered after the resume", 60);
        var order = Delivered(three).ToArray();
        Assert.Equal(three["injects"]!.AsArray().OrderBy(i => i!["offsetMinutes"]!.GetValue<int>()).Take(3).Select(i => i!.Str("injectId")), order);
        Step($"delivered in order: {string.Join(", ", order)}");

        // The third inject is a mail to the responders: the player receives it, marked.
        var injectMail = await mail.WaitForAsync(playerAccount.Email, TimeSpan.FromSeconds(20), m => Mailbox.Text(m).Contains($"/drills/{runId}") &&
            !Mailbox.Subject(m).Contains("STOPEX") && Mailbox.Subject(m) != Mailbox.Subject(invitation) && !Mailbox.Subject(m).Contains("再開"));
        Assert.StartsWith("【訓練/DRILL】", Mailbox.Subject(injectMail[0]));
        Assert.StartsWith("【訓練】", Mailbox.Text(injectMail[0]));

        // Release the rest by hand up to the attacker's countdown, then ask the executives about the ransom in the drill incident.
        var current = three;
        while (!Delivered(current).Contains("countdown"))
            current = (await facilitator.PostAsync($"{path}/injects/next", null, (await facilitator.GetJsonAsync(path))["version"]!.GetValue<long>())).Expect(200).Json;
        Step("released by hand up to the countdown");
        var incident = new IncidentRef(incidentId, 1, await player.GetJsonAsync($"/api/incidents/{incidentId}"));
        await player.RequestDecisionAsync(incident, DecisionCalls.RansomBody(execAccount.Id));
        var judged = await UntilAsync(facilitator, path, r => r["expectedActions"]!.AsArray()
            .Any(x => x!.Str("actionId") == "request-ransom-decision" && x!.Str("status") != "pending"), "the ransom action judged", 10);
        var action = judged["expectedActions"]!.AsArray().First(x => x!.Str("actionId") == "request-ransom-decision")!;
        Assert.NotNull(action);
        Assert.Equal("met", action.Str("status"));
        Assert.True(action["automatic"]!.GetValue<bool>());
        Step("request-ransom-decision ticked off automatically");

        // The press (an outside party of a mail inject) never receives anything: it is recorded as "would have been sent".
        await EscalationNode.EventuallyAsync(() => db.ScalarAsync("select count(*) from notification_outbox where drill_run_id = $1 and status = 'simulated'", runId),
            n => n > 0, TimeSpan.FromSeconds(20), "an outside party's message simulated");
        Assert.Empty(await mail.ToAsync("desk@press.example.jp"));

        var ended = (await facilitator.PostAsync($"{path}/end", null, (await facilitator.GetJsonAsync(path))["version"]!.GetValue<long>())).Expect(200);
        Assert.Equal("ended", ended.Json.Str("status"));

        // Two nodes fired the timers; each inject was delivered once.
        var perInject = await db.ScalarAsync(
            "select count(*) from (select data ->> 'injectId' from mt_events where stream_id = $1 and type = 'drill_inject_delivered' " +
            "group by 1 having count(*) > 1) t", runId);
        Assert.Equal(0, perInject);
        Assert.Equal(Delivered(ended.Json).Count(), Delivered(ended.Json).Distinct().Count());
    }
}
