using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// A node with timers and delivery on maildev; two Executives (one reading Japanese, one English), a responder who owns
/// the incidents, a reporter, and an SLA policy that wants a briefing every <see cref="CriticalSeconds"/> s for critical
/// incidents (so the grace before the executives hear it is late is a quarter of that, 1 s) and every 10 h for high.
/// </summary>
public sealed class BriefingFixture : IAsyncLifetime
{
    public const int CriticalSeconds = 4;

    private TestDatabase? database;
    private EscalationNode? node;

    public EscalationNode Node => node ?? throw new InvalidOperationException("not started");

    public TestDatabase Database => database ?? throw new InvalidOperationException("not started");

    public Mailbox Mail { get; } = Mailbox.Shared();

    public string ExecJa { get; } = EscalationNode.Address("exec-ja");

    public string ExecEn { get; } = EscalationNode.Address("exec-en");

    public string OwnerEmail { get; } = EscalationNode.Address("owner");

    public ApiClient Responder { get; private set; } = null!;

    public ApiClient Executive { get; private set; } = null!;

    public ApiClient Reporter { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("briefings");
        node = await EscalationNode.StartAsync(database);
        await node.CreateChainAsync(EscalationNode.Address("first"));
        Executive = await AccountAsync(ExecJa, "経営 太郎", "Executive", "ja");
        await AccountAsync(ExecEn, "Exec English", "Executive", "en");
        Responder = await AccountAsync(OwnerEmail, "Owner Responder", "Responder", "en");
        // Playbook decisions on the way to closing are the executive's.
        Responder.Executive = () => Task.FromResult(Executive);
        Reporter = await AccountAsync(EscalationNode.Address("reporter"), "Reporter", "Reporter", "ja");
        await PutPolicyAsync();
    }

    private async Task<ApiClient> AccountAsync(string email, string name, string role, string language)
    {
        var password = $"pw-{Guid.NewGuid():N}";
        var created = (await Node.Admin.PostAsync("/api/users", new { email, displayName = name, roles = new[] { role }, password, language }))
            .Expect(201);
        var client = Node.Factory.CreateApiClient(new TestAccount(created.Json.Guid("id"), email, password, name, role));
        (await client.LoginAsync(email, password)).Expect(200);
        return client;
    }

    private async Task PutPolicyAsync()
    {
        object Minutes(int m) => new { minutes = m, nextBusinessDay = false };
        object Off() => new { minutes = (int?)null, nextBusinessDay = false };
        var rows = new[] { "unrated", "critical", "high", "medium", "low" }.Select(s => new
        {
            severity = s,
            acknowledge = Minutes(600),
            triage = Minutes(600),
            reminder = Minutes(600),
            briefing = s switch
            {
                "critical" => (object)new { minutes = (int?)null, nextBusinessDay = false, seconds = CriticalSeconds },
                "high" => Minutes(600),
                _ => Off(),
            },
        });
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/sla-policy")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { rows, timeZone = "Asia/Tokyo", businessDayStartHour = 9 }),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        (await Node.Admin.SendAsync(request)).Expect(200);
    }

    public async Task DisposeAsync()
    {
        Mail.Dispose();
        Responder?.Dispose();
        Executive?.Dispose();
        Reporter?.Dispose();
        if (node is not null) await node.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>
/// Executive briefings end to end (issue 10 §5, R17) on real PostgreSQL, Hangfire timers and maildev: a due briefing
/// reminds the owner, a missed one tells every executive, and a posted one reaches every executive and the feed.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class ExecutiveBriefingTests(BriefingFixture app) : IClassFixture<BriefingFixture>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private static readonly object Briefing = new
    {
        whatHappened = "One sales PC was encrypted by ransomware.\nThe screen demands payment.",
        impact = "One PC; the customer list on it is unreadable. No leak seen so far.",
        response = "IT collected the PC and is checking the other PCs; restore from backup is being prepared.",
        unknowns = "Whether the customer list was sent out.",
        nextDecision = "Confirm today that we do not pay.",
    };

    private async Task<IncidentRef> TriagedAsync(bool critical)
    {
        var incident = await app.Responder.DriveToAsync(await app.Reporter.FileAsync(), "triage");
        return await app.Responder.RunAsync(incident, "triage",
            Bodies.Triage(infoClass: "confidential", impact: "serious", personalDataInvolved: critical, ownerId: app.Responder.Id));
    }

    private static Func<JsonNode, bool> About(IncidentRef incident, string subjectPart) =>
        m => Mailbox.Subject(m).Contains(incident.Reference) && Mailbox.Subject(m).Contains(subjectPart);

    [Fact]
    public async Task A_due_briefing_reminds_the_owner_and_a_missed_one_tells_every_executive_in_their_language()
    {
        var incident = await TriagedAsync(critical: true);
        Assert.Equal("critical", incident.Severity);

        var reminder = (await app.Mail.WaitForAsync(app.OwnerEmail, MailWait, About(incident, "[Briefing due]")))[0];
        Assert.Contains("please post a status briefing for the executives", Mailbox.Subject(reminder));
        Assert.Contains("Last briefing: none has been posted yet", Mailbox.Text(reminder));

        var ja = (await app.Mail.WaitForAsync(app.ExecJa, MailWait, About(incident, "【状況報告の遅れ】")))[0];
        Assert.Contains("が期限だった経営層への状況報告が、まだ投稿されていません。", Mailbox.Text(ja));
        Assert.Contains("対応責任者: Owner Responder", Mailbox.Text(ja));
        var en = (await app.Mail.WaitForAsync(app.ExecEn, MailWait, About(incident, "[Briefing late]")))[0];
        Assert.Contains("has not been posted. Please check with the incident owner.", Mailbox.Text(en));
        await app.Mail.WaitForAsync(app.OwnerEmail, MailWait, About(incident, "[Briefing late]"));

        var types = (await app.Node.TimelineTypesAsync(incident.Id)).ToList();
        Assert.Contains("briefing_reminder_sent", types);
        Assert.Contains("briefing_missed", types);
        // The reminder came first: the executives hear only after the owner's grace.
        Assert.True(types.IndexOf("briefing_reminder_sent") < types.IndexOf("briefing_missed"));
        var view = await app.Executive.GetJsonAsync($"{incident.Path}/briefings");
        Assert.True(view.Bool("canPost"));
        Assert.Empty(view.Items("items"));
        Assert.NotNull(view["lateNoticeAt"]);
        Assert.True(DateTimeOffset.Parse(view.Str("nextDueAt"), System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow,
            "the missed briefing stays the one due");
    }

    [Fact]
    public async Task A_posted_briefing_reaches_every_executive_and_the_feed_and_is_on_the_record()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var incident = await TriagedAsync(critical: false);
        Assert.Equal("high", incident.Severity);

        var posted = await app.Responder.RunAsync(incident, "briefings", Briefing);
        Assert.Equal(incident.Version + 1, posted.Version);

        var ja = (await app.Mail.WaitForAsync(app.ExecJa, MailWait, About(incident, "【状況報告 第1報】")))[0];
        Assert.Contains("■ 何が起きたか\nOne sales PC was encrypted by ransomware.\nThe screen demands payment.\n", Mailbox.Text(ja));
        Assert.Contains("■ 必要な経営判断\nConfirm today that we do not pay.\n", Mailbox.Text(ja));
        Assert.Contains("Owner Responderが", Mailbox.Text(ja));
        Assert.Contains("JSTに報告しました。", Mailbox.Text(ja));
        var en = (await app.Mail.WaitForAsync(app.ExecEn, MailWait, About(incident, "[Status briefing no. 1]")))[0];
        Assert.Contains("What is not known yet\nWhether the customer list was sent out.\n", Mailbox.Text(en));

        var feed = await app.Executive.GetJsonAsync($"/api/briefings?since={Uri.EscapeDataString(since.ToString("O"))}");
        var item = feed.Items("items").Single(b => b.Str("incidentId") == incident.Id.ToString());
        Assert.Equal((incident.Reference, 1L, "high", "Owner Responder"), (item.Str("reference"), item.Long("number"), item.Str("severity"), item.Str("postedByName")));
        Assert.Equal("Whether the customer list was sent out.", item.Str("unknowns"));
        var due = feed.Items("incidents").Single(i => i.Str("incidentId") == incident.Id.ToString());
        Assert.NotNull(due["lastBriefingAt"]);
        var next = DateTimeOffset.Parse(due.Str("nextDueAt"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(next, DateTimeOffset.UtcNow.AddMinutes(590), DateTimeOffset.UtcNow.AddMinutes(601));

        var own = await app.Responder.GetJsonAsync($"{incident.Path}/briefings");
        Assert.Equal(item.Str("id"), own.Items("items").Single().Str("id"));
        Assert.Null(own["lateNoticeAt"]);

        // The record: who posted it and when, and who was told (the notification log).
        var timeline = (await app.Executive.GetJsonAsync($"{incident.Path}/timeline")).Items();
        var entry = timeline.Single(e => e.Str("type") == "briefing_posted");
        Assert.Equal(app.Responder.Id.ToString(), entry.Str("actorId"));
        Assert.Equal("Confirm today that we do not pay.", entry["data"]!.Str("nextDecision"));
        await EscalationNode.EventuallyAsync(() => app.Node.EscalationAsync(incident.Id),
            v => new[] { (app.ExecJa, "【状況報告 第1報】"), (app.ExecEn, "[Status briefing no. 1]") }.All(x => v.Items("deliveries").Any(d =>
                d.Str("address") == x.Item1 && d.Str("subject").StartsWith(x.Item2, StringComparison.Ordinal) && d.Str("status") == "sent")),
            TimeSpan.FromSeconds(10), "both executives' briefing mails recorded as sent");

        // Reporters never see briefings: not in their timeline, and the briefings themselves are refused.
        var reporterTimeline = (await app.Reporter.GetJsonAsync($"{incident.Path}/timeline")).Items();
        Assert.DoesNotContain(reporterTimeline, e => e.Str("type").StartsWith("briefing", StringComparison.Ordinal));
        (await app.Reporter.GetAsync($"{incident.Path}/briefings")).Expect(403);
        (await app.Reporter.GetAsync("/api/briefings")).Expect(403);
    }

    [Fact]
    public async Task A_second_briefing_is_numbered_two_and_listed_first()
    {
        var incident = await TriagedAsync(critical: false);
        incident = await app.Responder.RunAsync(incident, "briefings", Briefing);
        await app.Responder.RunAsync(incident, "briefings", new
        {
            whatHappened = "No change.", impact = "Still one PC.", response = "Restore started at 15:00.", unknowns = "None now.",
            nextDecision = "None.",
        });

        await app.Mail.WaitForAsync(app.ExecEn, MailWait, About(incident, "[Status briefing no. 2]"));
        var items = (await app.Executive.GetJsonAsync($"{incident.Path}/briefings")).Items("items");
        Assert.Equal([2L, 1L], items.Select(i => i.Long("number")));
    }

    [Fact]
    public async Task Re_rating_below_high_stops_the_briefing_clock()
    {
        var incident = await TriagedAsync(critical: true);
        incident = await app.Responder.RunAsync(incident, "severity",
            new { infoClass = "business", impact = "serious", personalDataInvolved = false, reason = "No customer data after all" });
        Assert.Equal("medium", incident.Severity);

        await Task.Delay(TimeSpan.FromSeconds(BriefingFixture.CriticalSeconds + 3));

        Assert.DoesNotContain(await app.Mail.ToAsync(app.OwnerEmail), m => About(incident, "[Briefing due]")(m));
        Assert.DoesNotContain("briefing_reminder_sent", await app.Node.TimelineTypesAsync(incident.Id));
        var view = await app.Executive.GetJsonAsync($"{incident.Path}/briefings");
        Assert.False(view.Bool("canPost"));
        Assert.Null(view["nextDueAt"]);
    }

    [Fact]
    public async Task Briefings_are_refused_with_the_rule_on_incidents_below_high_or_closed_and_write_nothing()
    {
        var medium = await app.Responder.RunAsync(await app.Responder.DriveToAsync(await app.Reporter.FileAsync(), "triage"), "triage",
            Bodies.Triage(ownerId: app.Responder.Id));
        var before = await app.Database.CountEventsAsync();
        var refused = (await app.Responder.PostAsync($"{medium.Path}/briefings", Briefing, medium.Version)).Expect(409);
        Assert.Equal(["briefing_not_required"], refused.RuleCodes);

        var closed = await app.Responder.DriveToAsync(medium, "closed");
        before = await app.Database.CountEventsAsync();
        Assert.Equal(["incident_closed"], (await app.Responder.PostAsync($"{closed.Path}/briefings", Briefing, closed.Version)).Expect(409).RuleCodes);
        Assert.Equal(before, await app.Database.CountEventsAsync());
        Assert.DoesNotContain((await app.Executive.GetJsonAsync("/api/briefings")).Items("incidents"), i => i.Str("incidentId") == closed.Id.ToString());
    }

    [Fact]
    public async Task Executives_read_briefings_but_do_not_post_them_and_a_stale_version_is_a_412()
    {
        var incident = await TriagedAsync(critical: false);
        var before = await app.Database.CountEventsAsync();

        (await app.Executive.PostAsync($"{incident.Path}/briefings", Briefing, incident.Version)).Expect(403);
        var stale = (await app.Responder.PostAsync($"{incident.Path}/briefings", Briefing, incident.Version - 1)).Expect(412);
        Assert.Equal(incident.Version, stale.Json.Long("currentVersion"));
        Assert.Equal(before, await app.Database.CountEventsAsync());
        (await app.Executive.GetAsync("/api/briefings?since=yesterday")).ExpectFieldError("since");
    }
}
