using System.Text.Json.Nodes;
using IncidentDesk.IntegrationTests.Infrastructure;
using IncidentDesk.IntegrationTests.Playbooks;

namespace IncidentDesk.IntegrationTests.Incidents;

/// <summary>An incident worked over HTTP from the report to closure, and the rules of each stage on the way.</summary>
public sealed class IncidentLifecycleTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private static readonly string[] AnalysisCriteria =
    [
        "five_w1h_who", "five_w1h_what", "five_w1h_when", "five_w1h_where", "five_w1h_why", "five_w1h_how",
        "damage_recorded", "scale_recorded", "cause_recorded", "countermeasures_chosen",
    ];

    private sealed record People(ApiClient Reporter, ApiClient Responder);

    private Task<People> PeopleAsync() => app.SharedAsync("people", async () => new People(
        await app.SignInAsNewAsync("Reporter", "Hanako Yamada"), await app.SignInAsNewAsync("Responder", "Ken Sato")));

    [Fact]
    public async Task A_closed_incident_still_gives_every_stages_record_with_who_saved_it_and_when()
    {
        var (reporter, responder) = await PeopleAsync();
        var colleague = await app.SignInAsNewAsync("Responder", "Mika Ito");
        var started = DateTimeOffset.UtcNow;
        var incident = await responder.DriveToAsync(await reporter.FileAsync(), "analysis");
        // Analysis saved by a colleague; recovery and prevention by the responder who drives the incident.
        incident = await colleague.RunAsync(incident, "analysis", Bodies.CompleteAnalysis());
        var analysedAt = incident.Detail["analysis"]!.Time("recordedAt");
        incident = await responder.DriveToAsync(incident, "closed");

        var closed = (await responder.ReloadAsync(incident)).Detail;
        Assert.Equal("closed", closed.Str("stage"));
        var triage = closed["triage"]!;
        Assert.Equal(responder.Id, triage.Guid("triagedBy"));
        Assert.Equal("Ken Sato", triage.Str("triagedByName"));
        var analysis = closed["analysis"]!;
        Assert.Equal(colleague.Id, analysis.Guid("recordedBy"));
        Assert.Equal("Mika Ito", analysis.Str("recordedByName"));
        Assert.Equal(analysedAt, analysis.Time("recordedAt"));
        Assert.False(string.IsNullOrEmpty(analysis.Str("countermeasures")));
        foreach (var stage in new[] { "recovery", "prevention" })
        {
            var record = closed[stage]!;
            Assert.Equal(responder.Id, record.Guid("recordedBy"));
            Assert.Equal("Ken Sato", record.Str("recordedByName"));
            Assert.InRange(record.Time("recordedAt"), analysedAt, DateTimeOffset.UtcNow.AddSeconds(5));
        }
        Assert.InRange(analysedAt, started.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.NotEmpty(closed["recovery"]!.Items("notifiedParties"));
        Assert.NotEmpty(closed["prevention"]!.Items("measures"));
    }

    [Fact]
    public async Task A_ransomware_report_travels_from_detection_to_closed_through_every_stage_gate()
    {
        var (reporter, responder) = await PeopleAsync();
        var started = DateTimeOffset.UtcNow;
        var noticed = started.AddMinutes(-45);

        // Detection: a reporter files a C2 ransomware report.
        var filed = (await reporter.PostAsync("/api/incidents", Bodies.Report("C2",
            "Ransom note on screen after opening an invoice attachment; customer list is on this PC.", noticed,
            personalDataMayBeInvolved: true, disconnectedFromNetwork: true, deviceId: "PC-0142", contact: "ext. 4410"))).Expect(201);
        var incident = IncidentRef.From(filed);
        Assert.Equal($"/api/incidents/{incident.Id}", filed.Location);
        // Version 3: the report itself completes the reporter's "pull the LAN cable" step of the playbook (R2), and
        // "report at once": filing it is the report.
        Assert.Equal("\"3\"", filed.Message.Headers.ETag!.Tag);
        Assert.Equal(incident.Reference, incident.Step("report-immediately")["fieldEvidence"]!.Str("text"));
        Assert.Matches(@"^INC-\d{4}-\d{4,}$", incident.Reference);
        Assert.StartsWith($"INC-{incident.Detail.Time("reportedAt").Year}-", incident.Reference);
        Assert.Equal("detection", incident.Stage);
        Assert.Equal("C2", incident.Detail.Str("category"));
        Assert.True(incident.Detail.IsNull("severity"));
        Assert.True(incident.Detail.IsNull("ownerId"));
        Assert.Equal(reporter.Id, incident.Detail.Guid("reporterId"));
        Assert.Equal("Hanako Yamada", incident.Detail.Str("reporterName"));
        Assert.True(incident.Detail.Bool("disconnectedFromNetwork"));
        Assert.True(incident.Detail.Bool("personalDataMayBeInvolved"));
        Assert.Equal("PC-0142", incident.Detail.Str("deviceId"));
        Assert.Equal(noticed.ToUnixTimeMilliseconds(), incident.Detail.Time("noticedAt").ToUnixTimeMilliseconds());
        Assert.InRange(incident.Detail.Time("reportedAt"), started.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        AssertCriteria(incident, ("acknowledged", false));
        Assert.Equal("triage", incident.Detail.Str("nextStage"));
        var read = (await responder.GetAsync(incident.Path)).Expect(200);
        Assert.Equal(3, read.ETagVersion);
        Assert.Equal(incident.Reference, read.Json.Str("reference"));

        // Acknowledging records who and when (version 4). The reporter's steps are done by the report, so detection's
        // exit criteria are met and the report moves into triage at once (version 5).
        incident = await responder.RunAsync(incident, "acknowledge", new { });
        Assert.InRange(incident.Detail.Time("acknowledgedAt"), started.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(5, incident.Version);
        Assert.Equal("triage", incident.Stage);
        AssertCriteria(incident, ("acknowledged", true), ("severity_rated", false), ("owner_assigned", false), ("harm_and_leak_assessed", false));

        // Meanwhile the reporter adds what they remember: the responder's picture is now stale.
        var reporterView = await reporter.ReloadAsync(incident);
        await reporter.RunAsync(reporterView, "notes", new { text = "I got the same mail yesterday but did not open it." });
        var stale = (await responder.PostAsync($"{incident.Path}/triage", Bodies.Triage(), incident.Version)).Expect(412);
        Assert.Equal(6, stale.Json.Long("currentVersion"));
        incident = await responder.ReloadAsync(incident);
        Assert.Equal("Hanako Yamada", incident.Detail.Items("notes").Single().Str("byName"));

        // Triage: business information, serious impact, personal data involved → high (one level up from medium).
        incident = await responder.RunAsync(incident, "triage", Bodies.Triage("business", "serious", personalDataInvolved: true,
            usersMayBeHarmed: false, dataMayBeLeaking: true, containmentActions: ["Unplugged PC-0142 from the LAN", "Blocked the sender domain"]));
        Assert.Equal("high", incident.Severity);
        var triage = incident.Detail["triage"]!;
        Assert.Equal("high", triage.Str("severity"));
        Assert.Equal(responder.Id, triage.Guid("triagedBy"));
        Assert.True(triage.Bool("dataMayBeLeaking"));
        Assert.Equal(["Unplugged PC-0142 from the LAN", "Blocked the sender domain"], triage["containmentActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        // Triage cannot be left without an owner (the playbook's triage steps are worked first, so only the
        // lifecycle's own criterion is missing): the 409 names exactly the unmet criterion, and writes nothing.
        incident = await responder.SettleStepsAsync(incident);
        var eventsBefore = await app.CountEventsAsync();
        var incidentEventsBefore = await app.CountIncidentEventsAsync();
        var noOwner = (await responder.PostAsync($"{incident.Path}/stage", new { to = "analysis" }, incident.Version)).Expect(409);
        Assert.Equal("Rule violated", noOwner.Json.Str("title"));
        Assert.Equal(["owner_assigned"], noOwner.RuleCodes);
        Assert.Equal(eventsBefore, await app.CountEventsAsync());

        // The owner is picked from the assignable accounts.
        var assignable = await responder.GetJsonAsync("/api/users/assignable");
        Assert.Contains(assignable.Items(), u => u.Guid("id") == responder.Id && u.Str("displayName") == "Ken Sato");
        incident = await responder.RunAsync(incident, "assign", new { ownerId = responder.Id });
        Assert.Equal(responder.Id, incident.OwnerId);
        Assert.Equal("Ken Sato", incident.Detail.Str("ownerName"));
        AssertCriteria(incident, ("acknowledged", true), ("severity_rated", true), ("owner_assigned", true), ("harm_and_leak_assessed", true));

        incident = await responder.AdvanceAsync(incident, "analysis");
        Assert.Equal("analysis", incident.Stage);

        // Leaving analysis with nothing recorded lists all ten criteria at once; skipping a stage is stage_order.
        var empty = (await responder.PostAsync($"{incident.Path}/stage", new { to = "recovery" }, incident.Version)).Expect(409);
        Assert.Equal(AnalysisCriteria, CoreRules(empty));
        var skip = (await responder.PostAsync($"{incident.Path}/stage", new { to = "prevention" }, incident.Version)).Expect(409);
        Assert.Equal(["stage_order"], CoreRules(skip));
        // Assigning and advancing: two incident events (their deadlines and messages go to the escalation stream).
        Assert.Equal(incidentEventsBefore + 2, await app.CountIncidentEventsAsync());

        // A partial save is fine while working; the 409 then lists only what is still open.
        incident = await responder.RunAsync(incident, "analysis", new
        {
            who = Bodies.Answer("Sales staff member"), what = Bodies.Answer("Ransomware"), when = Bodies.Answer("This morning"),
            where = Bodies.Answer("Head office"), why = Bodies.Unknown(), how = new { value = (string?)null, unknown = false },
            damage = "Local disk encrypted", cause = "Macro in an invoice attachment",
        });
        var partial = (await responder.PostAsync($"{incident.Path}/stage", new { to = "recovery" }, incident.Version)).Expect(409);
        Assert.Equal(["five_w1h_how", "scale_recorded", "countermeasures_chosen"], CoreRules(partial));

        // 5W1H answers may be marked unknown; that settles them.
        incident = await responder.RunAsync(incident, "analysis", new
        {
            who = Bodies.Answer("Sales staff member"), what = Bodies.Answer("Ransomware"), when = Bodies.Answer("This morning"),
            where = Bodies.Answer("Head office"), why = Bodies.Unknown(), how = Bodies.Unknown(),
            damage = "Local disk encrypted", scale = "One PC", affectedAssets = "PC-0142",
            cause = "Macro in an invoice attachment", countermeasures = "Reimage and restore from backup",
        });
        var analysis = incident.Detail["analysis"]!;
        Assert.True(analysis["why"]!.Bool("unknown"));
        Assert.True(analysis["how"]!.IsNull("value"));
        Assert.Equal("Sales staff member", analysis["who"]!.Str("value"));
        Assert.All(incident.Detail.Items("exitCriteria").Where(c => c.Str("code") != "required_steps_done"),
            c => Assert.True(c.Bool("met"), c.ToJsonString()));
        incident = await responder.AdvanceAsync(incident, "recovery");

        // The analysis form belongs to the analysis stage only.
        var wrongForm = (await responder.PostAsync($"{incident.Path}/analysis", Bodies.CompleteAnalysis(), incident.Version)).Expect(409);
        Assert.Equal(["wrong_stage"], CoreRules(wrongForm));
        var notYet = (await responder.PostAsync($"{incident.Path}/stage", new { to = "prevention" }, incident.Version)).Expect(409);
        Assert.Equal(["normal_operation_verified", "notifications_recorded"], CoreRules(notYet));

        // Recovery: the sign-off records who verified normal operation and when; notified parties are listed.
        var notifiedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        incident = await responder.RunAsync(incident, "recovery", new
        {
            actionsTaken = "Reimaged PC-0142, restored files from backup",
            normalOperationVerified = true,
            notifiedParties = new object[]
            {
                new { party = "Customers on the list", notifiedAt, how = "letter" },
                new { party = "IPA", notifiedAt, how = (string?)null },
            },
        });
        var recovery = incident.Detail["recovery"]!;
        Assert.Equal(responder.Id, recovery.Guid("verifiedBy"));
        Assert.Equal("Ken Sato", recovery.Str("verifiedByName"));
        Assert.InRange(recovery.Time("verifiedAt"), started.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(["Customers on the list", "IPA"], recovery.Items("notifiedParties").Select(p => p.Str("party")));
        incident = await responder.AdvanceAsync(incident, "prevention");

        // Prevention: "will do" needs a deadline (400, nothing written); with one, the incident can close.
        eventsBefore = await app.CountEventsAsync();
        (await responder.PostAsync($"{incident.Path}/prevention", new
        {
            rootCause = "Macros allowed from the internet",
            measures = new[] { new { description = "Block internet macros", decision = "will_do" } },
            policyUpdateNeeded = true,
        }, incident.Version)).ExpectFieldError("measures.0.deadline");
        Assert.Equal(eventsBefore, await app.CountEventsAsync());
        var deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        incident = await responder.RunAsync(incident, "prevention", new
        {
            rootCause = "Macros allowed from the internet",
            measures = new[] { new { description = "Block internet macros", decision = "will_do", deadline } },
            policyUpdateNeeded = true,
        });
        Assert.Equal(deadline, incident.Detail["prevention"]!.Items("measures").Single().Str("deadline"));
        Assert.True(incident.Detail["prevention"]!.Bool("policyUpdateNeeded"));
        incident = await responder.AdvanceAsync(incident, "closed");
        Assert.Equal("closed", incident.Stage);
        Assert.Empty(incident.Detail.Items("exitCriteria"));
        Assert.True(incident.Detail.IsNull("nextStage"));

        // Closed means closed for the forms; late findings can still be noted.
        var closed = (await responder.PostAsync($"{incident.Path}/triage", Bodies.Triage("confidential"), incident.Version)).Expect(409);
        Assert.Equal(["incident_closed"], CoreRules(closed));
        incident = await responder.RunAsync(incident, "notes", new { text = "Backup restore verified by the user." });

        // The timeline is every event, in order, each with its actor and time: versions 1..N without a gap.
        var all = (await reporter.GetJsonAsync($"{incident.Path}/timeline")).Items();
        Assert.Equal(Enumerable.Range(1, (int)incident.Version).Select(v => (long)v), all.Select(e => e.Long("version")));
        // Between them, the playbook's steps were worked (step_* events; PlaybookGateTests checks those in detail).
        Assert.Contains(all, e => e.Str("type") == "step_completed");
        var timeline = all.Where(e => !e.Str("type").StartsWith("step_", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "incident_reported", "incident_acknowledged", "stage_advanced", "note_added", "incident_triaged",
            "incident_assigned", "stage_advanced", "analysis_recorded", "analysis_recorded", "stage_advanced",
            "recovery_recorded", "stage_advanced", "prevention_recorded", "stage_advanced", "note_added",
        ], timeline.Select(e => e.Str("type")));
        Assert.True(all.Select(e => e.Long("seq")).SequenceEqual(all.Select(e => e.Long("seq")).Order()), "seq ascends");
        var times = all.Select(e => e.Time("at")).ToList();
        Assert.True(times.SequenceEqual(times.Order()), "times never go backwards");
        Assert.All(times, t => Assert.InRange(t, started.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5)));
        var reporterEvents = new[] { 0, 3 };
        for (var i = 0; i < timeline.Count; i++)
        {
            var (id, name) = reporterEvents.Contains(i) ? (reporter.Id, "Hanako Yamada") : (responder.Id, "Ken Sato");
            Assert.Equal(id, timeline[i].Guid("actorId"));
            Assert.Equal(name, timeline[i].Str("actorName"));
        }
        Assert.Equal(["detection→triage", "triage→analysis", "analysis→recovery", "recovery→prevention", "prevention→closed"],
            timeline.Where(e => e.Str("type") == "stage_advanced").Select(e => $"{e["data"]!.Str("from")}→{e["data"]!.Str("to")}"));
        Assert.Equal("high", timeline[4]["data"]!.Str("severity"));
        Assert.Equal(responder.Id, timeline[5]["data"]!.Guid("ownerId"));
        Assert.Equal("Backup restore verified by the user.", timeline[14]["data"]!.Str("text"));
    }

    [Theory]
    [InlineData("public", "minor", false, false, "low")]
    [InlineData("business", "minor", false, false, "medium")]
    [InlineData("public", "serious", false, false, "medium")]
    [InlineData("confidential", "minor", false, false, "high")]
    [InlineData("public", "extremely_serious", false, false, "high")]
    [InlineData("public", "minor", true, false, "medium")]
    [InlineData("business", "serious", true, false, "high")]
    [InlineData("business", "serious", false, true, "high")]
    [InlineData("public", "minor", true, true, "medium")]
    [InlineData("confidential", "serious", false, true, "critical")]
    [InlineData("business", "extremely_serious", true, false, "critical")]
    [InlineData("confidential", "extremely_serious", true, true, "critical")]
    public async Task Severity_is_the_higher_of_information_class_and_impact_raised_one_level_for_personal_data_or_harm(
        string infoClass, string impact, bool personalData, bool usersMayBeHarmed, string expected)
    {
        var (reporter, responder) = await PeopleAsync();
        var incident = await responder.DriveToAsync(await reporter.FileAsync(), "triage");
        incident = await responder.RunAsync(incident, "triage", Bodies.Triage(infoClass, impact, personalData, usersMayBeHarmed));
        Assert.Equal(expected, incident.Severity);
        var onBoard = (await responder.GetJsonAsync($"/api/incidents?q={incident.Reference}")).Items().Single();
        Assert.Equal(expected, onBoard.Str("severity"));
    }

    [Fact]
    public async Task Re_rating_severity_records_old_and_new_severity_with_the_reason_and_keeps_the_harm_factor()
    {
        var (reporter, responder) = await PeopleAsync();
        var incident = await responder.DriveToAsync(await reporter.FileAsync(), "triage");
        incident = await responder.RunAsync(incident, "triage", Bodies.Triage("business", "minor", usersMayBeHarmed: true));
        Assert.Equal("high", incident.Severity);

        var before = await app.CountEventsAsync();
        (await responder.PostAsync($"{incident.Path}/severity", new { infoClass = "public", impact = "minor", personalDataInvolved = false },
            incident.Version)).ExpectFieldError("reason");
        Assert.Equal(before, await app.CountEventsAsync());

        // Users may still be harmed (from triage), so public × minor is raised to medium.
        incident = await responder.RunAsync(incident, "severity",
            new { infoClass = "public", impact = "minor", personalDataInvolved = false, reason = "Only a test file was encrypted" });
        Assert.Equal("medium", incident.Severity);
        Assert.Equal("public", incident.Detail["triage"]!.Str("infoClass"));
        var rerated = IncidentEvents(await responder.GetJsonAsync($"{incident.Path}/timeline")).Last();
        Assert.Equal("severity_rerated", rerated.Str("type"));
        Assert.Equal("high", rerated["data"]!.Str("from"));
        Assert.Equal("medium", rerated["data"]!.Str("to"));
        Assert.Equal("Only a test file was encrypted", rerated["data"]!.Str("reason"));
        var onBoard = (await responder.GetJsonAsync($"/api/incidents?q={incident.Reference}")).Items().Single();
        Assert.Equal("medium", onBoard.Str("severity"));
    }

    [Fact]
    public async Task Re_rating_an_incident_that_was_never_triaged_is_refused_as_not_triaged()
    {
        var (reporter, responder) = await PeopleAsync();
        var incident = await responder.DriveToAsync(await reporter.FileAsync(), "triage");
        var before = await app.CountEventsAsync();
        var refused = (await responder.PostAsync($"{incident.Path}/severity",
            new { infoClass = "public", impact = "minor", personalDataInvolved = false, reason = "x" }, incident.Version)).Expect(409);
        Assert.Equal(["not_triaged"], CoreRules(refused));
        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Fact]
    public async Task Reclassifying_records_the_old_and_new_category_and_the_reason_and_updates_the_board()
    {
        var (reporter, responder) = await PeopleAsync();
        var incident = await reporter.FileAsync(Bodies.Report("unknown", "Strange pop-ups on my PC"));
        incident = await responder.RunAsync(incident, "reclassify", new { category = "C1", reason = "EDR found a trojan" });
        Assert.Equal("C1", incident.Detail.Str("category"));
        var e = IncidentEvents(await responder.GetJsonAsync($"{incident.Path}/timeline")).Last();
        Assert.Equal("incident_reclassified", e.Str("type"));
        Assert.Equal(("unknown", "C1", "EDR found a trojan"), (e["data"]!.Str("from"), e["data"]!.Str("to"), e["data"]!.Str("reason")));
        var onBoard = (await responder.GetJsonAsync($"/api/incidents?category=C1&q={incident.Reference}")).Items().Single();
        Assert.Equal(incident.Id, onBoard.Guid("id"));
    }

    [Fact]
    public async Task Repeating_a_command_that_is_already_satisfied_succeeds_without_writing_an_event()
    {
        var (reporter, responder) = await PeopleAsync();
        var incident = await responder.RunAsync(await reporter.FileAsync(), "acknowledge", new { });
        var before = await app.CountEventsAsync();

        // A double click: the second request still carries the version read before the first one.
        var again = (await responder.PostAsync($"{incident.Path}/acknowledge", new { }, incident.Version)).Expect(200);
        Assert.Equal(incident.Version, again.ETagVersion);
        incident = await responder.RunAsync(incident, "reclassify", new { category = "C2", reason = "same as before" });
        Assert.Equal(incident.Version, (await responder.GetAsync(incident.Path)).ETagVersion);
        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Fact]
    public async Task Triage_can_assign_the_owner_in_the_same_request()
    {
        var (reporter, responder) = await PeopleAsync();
        var incident = await responder.DriveToAsync(await reporter.FileAsync(), "triage");
        incident = await responder.RunAsync(incident, "triage", Bodies.Triage(ownerId: responder.Id));
        Assert.Equal(responder.Id, incident.OwnerId);
        Assert.All(incident.Detail.Items("exitCriteria").Where(c => c.Str("code") != "required_steps_done"),
            c => Assert.True(c.Bool("met"), c.ToJsonString()));
        var types = IncidentEvents(await responder.GetJsonAsync($"{incident.Path}/timeline")).TakeLast(2).Select(e => e.Str("type"));
        Assert.Equal(["incident_triaged", "incident_assigned"], types);
    }

    [Fact]
    public async Task Recovery_sign_off_keeps_its_original_signer_when_someone_saves_the_form_again()
    {
        var (reporter, responder) = await PeopleAsync();
        var colleague = await app.SignInAsNewAsync("Responder", "Second Responder");
        var incident = await responder.DriveToAsync(await reporter.FileAsync(), "recovery");
        incident = await responder.RunAsync(incident, "recovery", Bodies.CompleteRecovery());
        var signedAt = incident.Detail["recovery"]!.Time("verifiedAt");

        incident = await colleague.RunAsync(incident, "recovery", new
        {
            actionsTaken = "Also replaced the network cable",
            normalOperationVerified = true,
            notifiedParties = new[] { new { party = "Information security committee", notifiedAt = DateTimeOffset.UtcNow.AddMinutes(-1), how = "e-mail" } },
        });
        Assert.Equal(responder.Id, incident.Detail["recovery"]!.Guid("verifiedBy"));
        Assert.Equal(signedAt, incident.Detail["recovery"]!.Time("verifiedAt"));

        // Unticking withdraws the sign-off, and leaving recovery is refused again.
        incident = await colleague.RunAsync(incident, "recovery", new { normalOperationVerified = false, notifiedParties = Array.Empty<object>() });
        Assert.True(incident.Detail["recovery"]!.IsNull("verifiedBy"));
        var refused = (await colleague.PostAsync($"{incident.Path}/stage", new { to = "prevention" }, incident.Version)).Expect(409);
        Assert.Equal(["normal_operation_verified", "notifications_recorded"], CoreRules(refused));
    }

    [Fact]
    public async Task Network_disconnection_is_kept_only_for_malware_and_ransomware_reports()
    {
        var (reporter, _) = await PeopleAsync();
        var malware = await reporter.FileAsync(Bodies.Report("C1", disconnectedFromNetwork: false));
        var lostPhone = await reporter.FileAsync(Bodies.Report("C4", "Lost my phone on the train", disconnectedFromNetwork: true));
        Assert.False(malware.Detail.Bool("disconnectedFromNetwork"));
        Assert.True(lostPhone.Detail.IsNull("disconnectedFromNetwork"));
    }

    [Fact]
    public async Task Each_report_gets_the_next_reference_of_the_year()
    {
        var (reporter, _) = await PeopleAsync();
        var first = await reporter.FileAsync();
        var second = await reporter.FileAsync();
        static long Number(IncidentRef i) => long.Parse(i.Reference.Split('-')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Number(second) > Number(first), $"{second.Reference} follows {first.Reference}");
        Assert.Equal(first.Reference[..9], second.Reference[..9]);
    }

    [Fact]
    public async Task References_past_9999_still_sort_in_filing_order()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var year = (await reporter.FileAsync()).Reference[4..8];
        await app.Database.ScalarAsync($"select setval('incident_reference_{year}', 9998)");
        var ninety = await reporter.FileAsync();
        var tenThousand = await reporter.FileAsync();
        Assert.Equal($"INC-{year}-9999", ninety.Reference);
        Assert.Equal($"INC-{year}-10000", tenThousand.Reference);

        var ascending = (await reporter.GetJsonAsync("/api/incidents?reporter=me&sort=reference")).Items().Select(i => i.Str("reference")).ToList();
        Assert.Equal([ninety.Reference, tenThousand.Reference], ascending.TakeLast(2));
        var descending = (await reporter.GetJsonAsync("/api/incidents?reporter=me&sort=-reference")).Items().Select(i => i.Str("reference")).ToList();
        Assert.Equal([tenThousand.Reference, ninety.Reference], descending.Take(2));
    }

    // These tests are about the lifecycle's own exit criteria; the playbook's required steps that also hold a
    // stage (required_steps_done, required_step_open) are PlaybookGateTests' subject.
    private static void AssertCriteria(IncidentRef incident, params (string Code, bool Met)[] expected) =>
        Assert.Equal(expected, incident.Detail.Items("exitCriteria").Where(c => c.Str("code") != "required_steps_done")
            .Select(c => (c.Str("code"), c.Bool("met"))));

    /// <summary>Staff timelines also carry the escalation stream (deadlines, messages); these tests read the incident's own.</summary>
    private static IEnumerable<System.Text.Json.Nodes.JsonNode> IncidentEvents(System.Text.Json.Nodes.JsonNode timeline) =>
        timeline.Items().Where(e => e.Str("stream") == "incident");

    private static List<string> CoreRules(ApiResponse refused) =>
        refused.RuleCodes.Where(code => code != "required_step_open").ToList();
}
