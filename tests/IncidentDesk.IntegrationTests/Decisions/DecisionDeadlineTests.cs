using IncidentDesk.Api.Decisions;
using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IncidentDesk.IntegrationTests.Decisions;

/// <summary>
/// Decision timers and mail on a real database, Hangfire and maildev: the approver is mailed, reminded, the request
/// escalates to the deputy and every Executive, and at the last deadline the safe default is applied; a request
/// decided in time hears nothing more.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class DecisionDeadlineTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private TestDatabase db = null!;
    private EscalationNode node = null!;
    private readonly Mailbox mail = Mailbox.Shared();

    private void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync("decisiontimers");
        node = await EscalationNode.StartAsync(db);
    }

    public async Task DisposeAsync()
    {
        mail.Dispose();
        await node.DisposeAsync();
        await db.DisposeAsync();
    }

    private async Task<ApiClient> SignInAsync(TestAccount account)
    {
        var client = node.Factory.CreateApiClient(account);
        (await client.LoginAsync(account.Email, account.Password)).Expect(200);
        return client;
    }

    private Task<long> CountAsync(Guid decisionId, string type) =>
        db.ScalarAsync("select count(*) from mt_events where stream_id = any($1) and type = $2",
            new[] { decisionId, DecisionNotices.StreamIdFor(decisionId) }, type);

    [Fact]
    public async Task The_approver_is_mailed_reminded_then_the_deputy_and_every_executive_are_asked_and_at_the_last_deadline_the_safe_default_applies()
    {
        const double seconds = 4;
        var ceo = await DecisionPeople.CreateAsync(node.Admin, "Executive", "ceo", "ja");
        var deputy = await DecisionPeople.CreateAsync(node.Admin, "Executive", "deputy");
        var other = await DecisionPeople.CreateAsync(node.Admin, "Executive", "otherexec");
        var responder = await SignInAsync(await DecisionPeople.CreateAsync(node.Admin, "Responder", "requester"));
        var incident = await responder.FileAsync(Bodies.Report("C2"));

        var asked = await responder.RequestDecisionAsync(incident,
            DecisionCalls.RansomBody(ceo.Id, deputy.Id, seconds, onExpiry: "escalate", defaultOptionId: "do_not_pay"));
        var askedAt = DateTimeOffset.UtcNow;
        bool AboutIt(System.Text.Json.Nodes.JsonNode m) => DecisionPeople.About(m, asked.Id);
        Step($"asked {asked.Id}, needed in {seconds} s");

        var first = (await mail.WaitForAsync(ceo.Email, MailWait, AboutIt)).Single();
        Assert.StartsWith("【経営判断のお願い】", Mailbox.Subject(first));
        Assert.Contains("Do we pay the ransom", Mailbox.Text(first), StringComparison.Ordinal);
        Assert.DoesNotContain("/ack/", Mailbox.Text(first), StringComparison.Ordinal);
        Step("request mail to the approver (ja)");

        await mail.WaitForAsync(ceo.Email, MailWait, m => AboutIt(m) && Mailbox.Subject(m).StartsWith("【リマインダー】", StringComparison.Ordinal));
        Assert.True(DateTimeOffset.UtcNow - askedAt >= TimeSpan.FromSeconds(seconds * 0.5 - 0.5), "the reminder came before half the time had passed");
        Step("reminder to the approver");

        var toDeputy = (await mail.WaitForAsync(deputy.Email, MailWait, m => AboutIt(m) && Mailbox.Subject(m).StartsWith("[Escalated]", StringComparison.Ordinal))).Single();
        Assert.Contains("Do we pay the ransom", Mailbox.Text(toDeputy), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - askedAt >= TimeSpan.FromSeconds(seconds - 0.5), "the deputy was asked before the deadline");
        Step("escalated to the deputy");
        // The deputy may decide now, and sees it on their desk.
        var deputyClient = await SignInAsync(deputy);
        Assert.True((await deputyClient.DecisionAsync(asked.Id)).Detail.Bool("mayDecide"));

        await mail.WaitForAsync(other.Email, MailWait, m => AboutIt(m) && Mailbox.Subject(m).StartsWith("[Escalated]", StringComparison.Ordinal));
        Step("escalated to every executive");

        var applied = await mail.WaitForAsync(responder.Account!.Email, TimeSpan.FromSeconds(30),
            m => AboutIt(m) && Mailbox.Subject(m).StartsWith("[Lapsed] Default applied", StringComparison.Ordinal));
        Step("default applied; the requester is told");
        Assert.Contains("Decision: Do not pay", Mailbox.Text(applied.Single()), StringComparison.Ordinal);

        var lapsed = await responder.DecisionAsync(asked.Id);
        Assert.Equal("lapsed", lapsed.Status);
        Assert.Equal("all_executives", lapsed.Detail.Str("reach"));
        Assert.True(lapsed.Detail["outcome"]!.Bool("byTimer"));
        Assert.Equal("do_not_pay", lapsed.Detail["outcome"]!.Str("optionId"));
        Assert.Equal(2, await CountAsync(asked.Id, "decision_escalated"));
        Assert.Equal(1, await CountAsync(asked.Id, "decision_lapsed"));
        // Two reminders a round, three rounds: at most six, each timer's once. A reminder whose round ended before it
        // fired (a loaded machine runs timers late) is dropped, as it should be, so fewer is right too.
        var reminders = await CountAsync(asked.Id, "decision_reminder_sent");
        Assert.InRange(reminders, 1, 6);
        Assert.Equal(reminders, await db.ScalarAsync(
            "select count(distinct data->>'timerId') from mt_events where stream_id = $1 and type = 'decision_reminder_sent'",
            DecisionNotices.StreamIdFor(asked.Id)));

        // The incident's timeline and notification log show the escalations, the lapse and every message with its delivery.
        var types = await node.TimelineTypesAsync(incident.Id);
        Assert.Contains("decision_escalated", types);
        Assert.Contains("decision_lapsed", types);
        var log = await EscalationNode.EventuallyAsync(() => node.EscalationAsync(incident.Id),
            v => v.Items("deliveries").Any(d => d.Str("address") == deputy.Email && d.Str("status") == "sent"),
            TimeSpan.FromSeconds(10), "the deputy's mail recorded as sent");
        Assert.Contains(log.Items("deliveries"), d => d.Str("address") == ceo.Email && d.Str("subject").StartsWith("【経営判断のお願い】", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_decided_before_its_deadline_sends_no_reminder_or_escalation_afterwards()
    {
        const double seconds = 3;
        var ceoAccount = await DecisionPeople.CreateAsync(node.Admin, "Executive", "ceo");
        var deputy = await DecisionPeople.CreateAsync(node.Admin, "Executive", "deputy");
        var responder = await SignInAsync(await DecisionPeople.CreateAsync(node.Admin, "Responder", "requester"));
        var ceo = await SignInAsync(ceoAccount);
        var incident = await responder.FileAsync(Bodies.Report("C2"));
        var asked = await responder.RequestDecisionAsync(incident, DecisionCalls.RansomBody(ceoAccount.Id, deputy.Id, seconds));
        bool AboutIt(System.Text.Json.Nodes.JsonNode m) => DecisionPeople.About(m, asked.Id);

        var decided = await ceo.DecideAsync(asked);
        Assert.Equal("decided", decided.Status);
        await mail.WaitForAsync(responder.Account!.Email, MailWait, m => AboutIt(m) && Mailbox.Subject(m).StartsWith("[Decided]", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(seconds + 2));

        Assert.Equal(0, await CountAsync(asked.Id, "decision_reminder_sent"));
        Assert.Equal(0, await CountAsync(asked.Id, "decision_escalated"));
        Assert.Equal(0, await CountAsync(asked.Id, "decision_lapsed"));
        Assert.Single(await mail.ToAsync(ceoAccount.Email), AboutIt);
        // The deputy hears of the outcome, never of an escalation.
        Assert.All((await mail.ToAsync(deputy.Email)).Where(AboutIt), m => Assert.StartsWith("[Decided]", Mailbox.Subject(m), StringComparison.Ordinal));
        // Every timer fired (its job ran) and decided nothing.
        Assert.Equal(3, await db.ScalarAsync("select count(*) from timer_outbox where stream_id = $1 and enqueued_at is not null", asked.Id));
    }
}
