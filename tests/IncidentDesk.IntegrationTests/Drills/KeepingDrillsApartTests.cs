using System.Text.Json.Nodes;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>
/// One node with timers and delivery on the shared maildev, signed webhooks, a responder (the drill's player), an
/// executive, and a first acknowledgement deadline far away (so only the first alert of each report is sent).
/// </summary>
public sealed class DrillFixture : IAsyncLifetime
{
    private TestDatabase? database;
    private EscalationNode? node;

    public EscalationNode Node => node ?? throw new InvalidOperationException("not started");

    public TestDatabase Database => database ?? throw new InvalidOperationException("not started");

    public Mailbox Mail { get; } = Mailbox.Shared();

    public ApiClient Responder { get; private set; } = null!;

    public ApiClient Executive { get; private set; } = null!;

    public string ExecutiveEmail { get; } = EscalationNode.Address("drill-exec");

    public string ResponderEmail { get; } = EscalationNode.Address("drill-player");

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("drills_apart");
        node = await EscalationNode.StartAsync(database, new Dictionary<string, string?> { ["Webhooks:Secret"] = WebhookFixture.Secret });
        await node.CreateChainAsync(EscalationNode.Address("default-first"));
        await node.SetAckSecondsAsync(600);
        Executive = await AccountAsync(ExecutiveEmail, "Drill Executive", "Executive");
        Responder = await AccountAsync(ResponderEmail, "Drill Player", "Responder");
        Responder.Executive = () => Task.FromResult(Executive);
    }

    private async Task<ApiClient> AccountAsync(string email, string name, string role)
    {
        var password = $"pw-{Guid.NewGuid():N}";
        var created = (await Node.Admin.PostAsync("/api/users", new { email, displayName = name, roles = new[] { role }, password, language = "en" }))
            .Expect(201);
        var client = Node.Factory.CreateApiClient(new TestAccount(created.Json.Guid("id"), email, password, name, role));
        (await client.LoginAsync(email, password)).Expect(200);
        return client;
    }

    public async Task DisposeAsync()
    {
        Mail.Dispose();
        if (node is not null) await node.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>
/// Keeping drills apart (issue 11 §2), end to end on real PostgreSQL, the real dispatcher, maildev and a real webhook
/// receiver: a drill incident's messages reach only the run's allow-list, marked; everything else is recorded as
/// "would have been sent" and never leaves; a real incident filed during a drill is real and says so; drills stay off
/// the default board, the briefings feed and the decision log; the public filing endpoint can never file a drill.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class KeepingDrillsApartTests(DrillFixture app) : IClassFixture<DrillFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private DrillIncidentFiler Filer => app.Node.Factory.Services.GetRequiredService<DrillIncidentFiler>();

    /// <summary>A chain for one category alone, so a report of that category alerts exactly these contacts.</summary>
    private async Task ChainAsync(string category, params object[] contacts) =>
        (await app.Node.Admin.PostAsync("/api/admin/contact-chains", new { name = $"Drill chain {category} {Guid.NewGuid():N}", categories = new[] { category }, isDefault = false, contacts }))
        .Expect(201);

    private async Task AllowAsync(Guid run, string address, string reason)
    {
        await using var cmd = app.Database.DataSource.CreateCommand("insert into drill_allow_list (run_id, address, reason) values ($1, $2, $3)");
        cmd.Parameters.AddWithValue(run);
        cmd.Parameters.AddWithValue(address.ToLowerInvariant());
        cmd.Parameters.AddWithValue(reason);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<Guid> FileDrillAsync(Guid run, Category category, Guid? incidentId = null)
    {
        var id = incidentId ?? Guid.CreateVersion7();
        return await Filer.FileAsync(new DrillIncidentFiling(run, id, app.Responder.Id, category, "【訓練】Ransom note on a sales PC",
            "Inject 1: the screen demands 2 BTC.", DateTimeOffset.UtcNow.AddMinutes(-5)), CancellationToken.None);
    }

    private async Task<JsonNode> OutboxRowAsync(Guid incident, string address, string status) =>
        (await EscalationNode.EventuallyAsync(
            async () => (await app.Node.EscalationAsync(incident)).Items("deliveries")
                .FirstOrDefault(d => string.Equals(d.Str("address"), address, StringComparison.OrdinalIgnoreCase) && d.Str("status") == status),
            d => d is not null, Wait, $"the message to {address} to be {status}"))!;

    private async Task<IReadOnlyList<JsonNode>> TimelineAsync(Guid incident) =>
        (await app.Node.Admin.GetJsonAsync($"/api/incidents/{incident}/timeline")).Items();

    private async Task<long> SlaVersionAsync() =>
        (await app.Node.Admin.GetAsync("/api/admin/sla-policy")).Expect(200).ETagVersion ?? throw new InvalidOperationException("no ETag");

    private async Task<string> OutboxStatusAsync(Guid notification)
    {
        await using var cmd = app.Database.DataSource.CreateCommand("select status || '|' || coalesce(drill_run_id::text, '') from notification_outbox where notification_id = $1");
        cmd.Parameters.AddWithValue(notification);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_drill_incident_s_alert_to_an_address_outside_the_run_never_reaches_maildev_and_is_recorded_as_would_have_been_sent()
    {
        var outsider = EscalationNode.Address("outsider");
        await ChainAsync("C3", new { name = "Outside contact", email = outsider, language = "en" });
        var run = Guid.NewGuid();

        var id = await FileDrillAsync(run, Category.C3);

        var detail = await app.Responder.GetJsonAsync($"/api/incidents/{id}");
        Assert.Matches(@"^DRL-\d{4}-\d{4,}$", detail.Str("reference"));
        Assert.Equal(run.ToString(), detail.Str("drillRunId"));
        var simulated = (await EscalationNode.EventuallyAsync(
            async () => (await TimelineAsync(id)).FirstOrDefault(e => e.Str("type") == "notification_simulated"),
            e => e is not null, Wait, "a notification_simulated event"))!;
        var data = simulated["data"]!;
        Assert.Equal(outsider, data.Str("address"));
        Assert.Equal(DrillRouting.OutsideRun, data.Str("reason"));
        Assert.Equal(run.ToString(), data.Str("drillRunId"));
        Assert.Equal(SystemActor.Id.ToString(), simulated.Str("actorId"));
        Assert.Equal("escalation", simulated.Str("stream"));
        // The message was queued marked and tied to the run; its row is settled as simulated, never sent.
        var queued = (await TimelineAsync(id)).Single(e => e.Str("type") == "notification_queued" && e["data"]!.Str("address") == outsider)["data"]!;
        Assert.StartsWith(DrillMarking.SubjectPrefix, queued.Str("subject"));
        Assert.Equal(run.ToString(), queued.Str("drillRunId"));
        Assert.Equal($"simulated|{run}", await OutboxStatusAsync(data.Guid("notificationId")));
        Assert.Equal("simulated", (await OutboxRowAsync(id, outsider, "simulated")).Str("status"));
        await Task.Delay(TimeSpan.FromSeconds(2)); // several dispatcher passes: still nothing leaves
        Assert.Empty(await app.Mail.ToAsync(outsider));
        Assert.DoesNotContain(await TimelineAsync(id), e => e.Str("type") == "notification_sent");
        Assert.Contains((await app.Node.Admin.GetJsonAsync("/api/admin/deliveries?status=simulated")).Items(),
            d => d.Str("notificationId") == data.Str("notificationId"));
    }

    [Fact]
    public async Task A_drill_incident_left_unacknowledged_escalates_through_the_real_chain_and_the_escalation_to_an_outsider_never_leaves()
    {
        var player = EscalationNode.Address("esc-player");
        var outsider = EscalationNode.Address("esc-outsider");
        await ChainAsync("C5", new { name = "Player", email = player, language = "en" }, new { name = "Outsider", email = outsider, language = "en" });
        var run = Guid.NewGuid();
        await AllowAsync(run, player, "participant");
        await app.Node.Admin.SetUnratedAckSecondsAsync(2, await SlaVersionAsync());
        Guid id;
        try
        {
            id = await FileDrillAsync(run, Category.C5);
        }
        finally
        {
            await app.Node.Admin.SetUnratedAckSecondsAsync(600, await SlaVersionAsync());
        }

        // The real escalation timer fires on the drill incident: the next contact is "told", inside the drill only.
        var simulated = (await EscalationNode.EventuallyAsync(
            async () => (await TimelineAsync(id)).FirstOrDefault(e => e.Str("type") == "notification_simulated" && e["data"]!.Str("address") == outsider),
            e => e is not null, Wait, "the escalation to the outsider to be simulated"))!;
        Assert.Equal(DrillRouting.OutsideRun, simulated["data"]!.Str("reason"));
        var timeline = await TimelineAsync(id);
        Assert.Contains(timeline, e => e.Str("type") == "incident_escalated");
        var escalation = timeline.Single(e => e.Str("type") == "notification_queued" && e["data"]!.Str("address") == outsider)["data"]!;
        Assert.Equal("escalation", escalation.Str("template"));
        Assert.Equal(run.ToString(), escalation.Str("drillRunId"));
        var first = (await app.Mail.WaitForAsync(player, Wait))[0];
        Assert.StartsWith(DrillMarking.SubjectPrefix, Mailbox.Subject(first));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await app.Mail.ToAsync(outsider));
    }

    [Fact]
    public async Task An_allow_listed_participant_gets_the_drill_mail_marked_while_the_contact_s_webhook_not_enabled_is_never_called()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var player = EscalationNode.Address("Player");
        var hook = $"{receiver.BaseUrl}/ok";
        await ChainAsync("C4", new { name = "Player", email = player.ToUpperInvariant(), webhookUrl = hook, language = "en" });
        var run = Guid.NewGuid();
        await AllowAsync(run, player, "participant");

        var id = await FileDrillAsync(run, Category.C4);

        var mail = (await app.Mail.WaitForAsync(player, Wait))[0];
        Assert.StartsWith(DrillMarking.SubjectPrefix + " ", Mailbox.Subject(mail));
        Assert.StartsWith(DrillMarking.FirstLine("en"), Mailbox.Text(mail));
        Assert.Contains(DrillMarking.LastLine("en"), Mailbox.Text(mail));
        var hookRow = await OutboxRowAsync(id, hook, "simulated");
        var simulated = (await TimelineAsync(id)).Single(e => e.Str("type") == "notification_simulated")["data"]!;
        Assert.Equal((hook, DrillRouting.WebhookNotEnabled, "webhook"), (simulated.Str("address"), simulated.Str("reason"), simulated.Str("channel")));
        Assert.Equal(hookRow.Str("notificationId"), simulated.Str("notificationId"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(receiver.Requests);
        Assert.Single(await app.Mail.ToAsync(player));
    }

    [Fact]
    public async Task A_drill_s_webhook_is_called_marked_only_once_allow_listed_for_the_run()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = $"{receiver.BaseUrl}/ok";
        var email = EscalationNode.Address("hook-owner");
        await ChainAsync("C6", new { name = "Chat room", email, webhookUrl = hook, language = "en" });
        var run = Guid.NewGuid();
        await AllowAsync(run, hook, "webhook");

        var id = await FileDrillAsync(run, Category.C6);

        await OutboxRowAsync(id, hook, "sent");
        var request = Assert.Single(receiver.To("ok"));
        var json = JsonNode.Parse(request.Body)!;
        Assert.StartsWith(DrillMarking.SubjectPrefix, json.Str("subject"));
        Assert.StartsWith(DrillMarking.FirstLine("en"), json.Str("text"));
        Assert.StartsWith("DRL-", json.Str("reference"));
        // The contact's mail address is not on the run's list: that mail stays inside.
        await OutboxRowAsync(id, email, "simulated");
        Assert.Empty(await app.Mail.ToAsync(email));
    }

    [Fact]
    public async Task A_real_incident_filed_while_a_drill_is_running_is_real_numbered_inc_and_its_mail_says_it_is_real()
    {
        var contact = EscalationNode.Address("real-contact");
        await ChainAsync("C7", new { name = "Real contact", email = contact, language = "en" });
        var run = Guid.NewGuid();
        await SetRunAsync(run, "running");
        try
        {
            var incident = await app.Responder.FileAsync(Bodies.Report("C7", summary: "Real: a phishing mail was opened"));

            Assert.StartsWith("INC-", incident.Reference);
            Assert.Null(incident.Detail["drillRunId"]?.GetValue<string>());
            var mail = (await app.Mail.WaitForAsync(contact, Wait, m => Mailbox.Subject(m).Contains(incident.Reference)))[0];
            Assert.StartsWith(DrillMarking.RealLine("en"), Mailbox.Text(mail));
            Assert.DoesNotContain(DrillMarking.SubjectPrefix, Mailbox.Subject(mail));
            var board = await app.Responder.GetJsonAsync("/api/incidents?pageSize=200");
            Assert.Contains(board.Items(), i => i.Str("id") == incident.Id.ToString());
        }
        finally
        {
            await SetRunAsync(run, "ended");
        }
    }

    private async Task SetRunAsync(Guid run, string status)
    {
        await using var cmd = app.Database.DataSource.CreateCommand(
            "insert into drill_runs (id, scenario_id, scenario_version, title_ja, title_en, category, format, status, facilitator_id, " +
            "participant_ids, planned_start, time_scale, version, updated_at) " +
            "values ($1, 'test', 1, '訓練', 'Drill', 'C2', 'full_tabletop', $2, $3, '{}', now(), 1, 1, now()) " +
            "on conflict (id) do update set status = excluded.status");
        cmd.Parameters.AddWithValue(run);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(app.Node.Admin.Id);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Drill_incidents_are_off_the_default_board_and_listed_with_kind_drill_or_all()
    {
        var run = Guid.NewGuid();
        var drill = await FileDrillAsync(run, Category.C2);
        var real = await app.Responder.FileAsync();

        async Task<IReadOnlyList<string>> Board(string query) =>
            (await app.Responder.GetJsonAsync($"/api/incidents?pageSize=200{query}")).Items().Select(i => i.Str("id")).ToList();

        Assert.DoesNotContain(drill.ToString(), await Board(""));
        Assert.Contains(real.Id.ToString(), await Board(""));
        Assert.DoesNotContain(drill.ToString(), await Board("&kind=real"));
        var drills = await app.Responder.GetJsonAsync("/api/incidents?pageSize=200&kind=drill");
        var row = Assert.Single(drills.Items(), i => i.Str("id") == drill.ToString());
        Assert.Equal(run.ToString(), row.Str("drillRunId"));
        Assert.StartsWith("DRL-", row.Str("reference"));
        Assert.DoesNotContain(real.Id.ToString(), await Board("&kind=drill"));
        Assert.Contains(drill.ToString(), await Board("&kind=all"));
        Assert.Contains(real.Id.ToString(), await Board("&kind=all"));
    }

    [Theory]
    [InlineData("/api/incidents?kind=Drill", "kind")]
    [InlineData("/api/incidents?kind=training", "kind")]
    [InlineData("/api/briefings?kind=both", "kind")]
    [InlineData("/api/decisions?incidentKind=drills", "incidentKind")]
    public async Task A_bad_kind_is_a_400_naming_the_field(string path, string field)
    {
        var response = await app.Executive.GetAsync(path);
        response.Expect(400);
        Assert.NotNull(response.Json["errors"]?[field]);
    }

    [Fact]
    public async Task A_drill_incident_s_briefing_and_decision_request_reach_allow_listed_executives_marked_and_stay_off_the_feed_and_the_log()
    {
        var run = Guid.NewGuid();
        await AllowAsync(run, app.ExecutiveEmail, "participant");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await FileDrillAsync(run, Category.C2);
        var incident = await app.Responder.DriveToAsync(await app.Responder.ReloadAsync(new IncidentRef(id, 0, new JsonObject())), "triage");
        incident = await app.Responder.RunAsync(incident, "triage",
            Bodies.Triage(infoClass: "confidential", impact: "serious", ownerId: app.Responder.Id));
        Assert.Equal("high", incident.Severity);
        await app.Responder.RunAsync(incident, "briefings", new
        {
            whatHappened = "Drill: one PC encrypted.", impact = "One PC.", response = "Restoring.", unknowns = "Leak?", nextDecision = "Do not pay.",
        });
        var decision = await app.Responder.RequestDecisionAsync(incident, DecisionCalls.RansomBody(app.Executive.Id));

        var briefing = (await app.Mail.WaitForAsync(app.ExecutiveEmail, Wait, m => Mailbox.Subject(m).Contains(incident.Reference) && Mailbox.Subject(m).Contains("briefing")))[0];
        Assert.StartsWith(DrillMarking.SubjectPrefix, Mailbox.Subject(briefing));
        Assert.StartsWith(DrillMarking.FirstLine("en"), Mailbox.Text(briefing));
        var ask = (await app.Mail.WaitForAsync(app.ExecutiveEmail, Wait, m => Mailbox.Text(m).Contains($"/decisions/{decision.Id}")))[0];
        Assert.StartsWith(DrillMarking.SubjectPrefix, Mailbox.Subject(ask));
        Assert.StartsWith(DrillMarking.FirstLine("en"), Mailbox.Text(ask));

        var sinceQuery = $"since={Uri.EscapeDataString(since.ToString("O"))}";
        var feed = await app.Executive.GetJsonAsync($"/api/briefings?{sinceQuery}");
        Assert.DoesNotContain(feed.Items("items"), b => b.Str("incidentId") == id.ToString());
        Assert.DoesNotContain(feed.Items("incidents"), b => b.Str("incidentId") == id.ToString());
        var drills = await app.Executive.GetJsonAsync($"/api/briefings?{sinceQuery}&kind=drill");
        Assert.True(Assert.Single(drills.Items("items"), b => b.Str("incidentId") == id.ToString())["drill"]!.GetValue<bool>());
        Assert.Contains(drills.Items("incidents"), b => b.Str("incidentId") == id.ToString());

        Assert.DoesNotContain((await app.Executive.GetJsonAsync("/api/decisions")).Items(), d => d.Str("id") == decision.Id.ToString());
        Assert.DoesNotContain((await app.Executive.GetJsonAsync("/api/decisions?awaitingMe=true")).Items(), d => d.Str("id") == decision.Id.ToString());
        Assert.Contains((await app.Executive.GetJsonAsync("/api/decisions?incidentKind=drill")).Items(), d => d.Str("id") == decision.Id.ToString());
        Assert.Contains((await app.Executive.GetJsonAsync("/api/decisions?incidentKind=all")).Items(), d => d.Str("id") == decision.Id.ToString());
        // The incident's own page lists its requests, drill or not; the decision page knows it is a drill's.
        Assert.Contains((await app.Executive.GetJsonAsync($"/api/decisions?incident={id}")).Items(), d => d.Str("id") == decision.Id.ToString());
        Assert.True((await app.Executive.GetJsonAsync($"/api/decisions/{decision.Id}"))["drill"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_public_filing_endpoint_ignores_a_drill_run_id_in_the_body_and_files_a_real_incident()
    {
        var run = Guid.NewGuid();
        var response = await app.Responder.PostRawAsync("/api/incidents",
            $"{{\"category\":\"C2\",\"summary\":\"Trying to file a drill through the front door\",\"noticedAt\":\"{DateTimeOffset.UtcNow.AddMinutes(-5):O}\"," +
            $"\"drillRunId\":\"{run}\",\"DrillRunId\":\"{run}\",\"reference\":\"DRL-2026-9999\"}}");

        var incident = IncidentRef.From(response.Expect(201));
        Assert.StartsWith("INC-", incident.Reference);
        Assert.Null(incident.Detail["drillRunId"]?.GetValue<string>());
        await using var cmd = app.Database.DataSource.CreateCommand("select count(*) from incident_board where id = $1 and drill_run_id is null");
        cmd.Parameters.AddWithValue(incident.Id);
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        var reported = (await TimelineAsync(incident.Id)).Single(e => e.Str("type") == "incident_reported")["data"]!;
        Assert.Null(reported["drillRunId"]);
    }

    [Fact]
    public async Task Filing_a_drill_incident_again_with_the_same_id_returns_the_same_id_and_files_nothing_twice()
    {
        var run = Guid.NewGuid();
        var id = Guid.CreateVersion7();

        var first = await FileDrillAsync(run, Category.C2, id);
        var again = await FileDrillAsync(run, Category.C2, id);
        var concurrently = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FileDrillAsync(run, Category.C2, id)));

        Assert.All([first, again, .. concurrently], x => Assert.Equal(id, x));
        Assert.Single(await TimelineAsync(id), e => e.Str("type") == "incident_reported");
        await using var cmd = app.Database.DataSource.CreateCommand("select count(*) from incident_board where id = $1");
        cmd.Parameters.AddWithValue(id);
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        // Another run (or a real incident's id) is never turned into this run's incident.
        var e = await Assert.ThrowsAsync<RuleViolated>(() => FileDrillAsync(Guid.NewGuid(), Category.C2, id));
        Assert.Equal("drill_incident_id_taken", e.Rules[0].Code);
        var real = await app.Responder.FileAsync();
        await Assert.ThrowsAsync<RuleViolated>(() => FileDrillAsync(run, Category.C2, real.Id));
    }

    [Fact]
    public async Task Drill_and_real_references_run_in_separate_series()
    {
        var run = Guid.NewGuid();
        var before = await app.Responder.FileAsync();
        var drillA = await app.Responder.GetJsonAsync($"/api/incidents/{await FileDrillAsync(run, Category.C2)}");
        var drillB = await app.Responder.GetJsonAsync($"/api/incidents/{await FileDrillAsync(run, Category.C2)}");
        var after = await app.Responder.FileAsync();

        static long Number(string reference) => long.Parse(reference[(reference.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Number(before.Reference) + 1, Number(after.Reference));
        Assert.Equal(Number(drillA.Str("reference")) + 1, Number(drillB.Str("reference")));
        Assert.StartsWith("DRL-", drillA.Str("reference"));
    }
}
