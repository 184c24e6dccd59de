using System.Text.RegularExpressions;
using IncidentDesk.Api.Decisions;
using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IncidentDesk.IntegrationTests.Decisions;

/// <summary>
/// The crash-window and two-process tests of the escalation deadlines (Escalation/TimerRecoveryTests), for decision
/// timers: a deadline committed by a process that died before relaying it still fires in the next one, and with two
/// API processes on one database each reminder and each expiry happens exactly once.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class DecisionTimerRecoveryTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> TimerJobLog = new() { ["Logging:LogLevel:IncidentDesk.Api.Timers.TimerJob"] = "Debug" };

    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    private void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private static Task<long> CountAsync(TestDatabase db, Guid decisionId, string type) =>
        db.ScalarAsync("select count(*) from mt_events where stream_id = any($1) and type = $2",
            new[] { decisionId, DecisionNotices.StreamIdFor(decisionId) }, type);

    [Fact]
    public async Task A_decision_deadline_committed_by_a_process_killed_before_relaying_it_fires_in_the_next_process()
    {
        await using var db = await TestDatabase.CreateAsync("decisioncrash");
        ApiProcess? dying = null, next = null;
        try
        {
            dying = await ApiProcess.StartAsync(db, "A", new Dictionary<string, string?> { ["IncidentDesk:Timers:Relay"] = "false" });
            var ceo = await DecisionPeople.CreateAsync(dying.Admin, "Executive", "ceo");
            var owner = await DecisionPeople.CreateAsync(dying.Admin, "Responder", "requester");
            using var requester = await DecisionPeople.SignInAtAsync(dying.BaseUrl, owner);
            var incident = await requester.FileAsync(Bodies.Report("C2"));
            var asked = await requester.RequestDecisionAsync(incident, DecisionCalls.RansomBody(ceo.Id, inSeconds: 3, onExpiry: "record_no_decision"));
            Assert.Equal(3, await db.ScalarAsync("select count(*) from timer_outbox where stream_id = $1 and scheduled_at is null", asked.Id));
            dying.Kill();
            Step($"asked {asked.Id}; its timers only in the outbox; A killed");
            await EscalationNode.EventuallyAsync(
                () => db.ScalarAsync("select count(*) from timer_outbox where stream_id = $1 and due_at < now()", asked.Id),
                n => n == 3, TimeSpan.FromSeconds(10), "every decision timer to come due");
            Assert.Equal(0, await CountAsync(db, asked.Id, "decision_lapsed"));

            next = await ApiProcess.StartAsync(db, "B");
            Step("process B ready");
            using var mail = Mailbox.Shared();
            var told = await mail.WaitForAsync(owner.Email, TimeSpan.FromSeconds(20),
                m => DecisionPeople.About(m, asked.Id) && Mailbox.Subject(m).StartsWith("[Lapsed] No decision", StringComparison.Ordinal));
            Step("the requester was told no decision was taken");
            Assert.Single(told);
            Assert.Equal(1, await CountAsync(db, asked.Id, "decision_lapsed"));
            Assert.Equal("lapsed", (await next.Admin.DecisionAsync(asked.Id)).Status);
            // Reminders that came due in the outage fire at most once each (after the lapse they change nothing).
            Assert.True(await CountAsync(db, asked.Id, "decision_reminder_sent") <= 2);
        }
        catch (Exception e)
        {
            throw ApiProcess.FailWithLogs(e, dying, next);
        }
        finally
        {
            if (next is not null) await next.DisposeAsync();
            if (dying is not null) await dying.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_API_processes_send_each_decision_reminder_and_apply_each_expiry_exactly_once()
    {
        const int requests = 10;
        await using var db = await TestDatabase.CreateAsync("decisiontwo");
        ApiProcess? a = null, b = null;
        try
        {
            (a, b) = await ApiProcess.StartTwoAsync(db, TimerJobLog);
            var ceo = await DecisionPeople.CreateAsync(a.Admin, "Executive", "ceo");
            var incident = await a.Admin.FileAsync(Bodies.Report("C2"));
            // Asked at once, half through each process; the timers of all come due within the same second or two.
            var asked = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => (i % 2 == 0 ? a : b).Admin.RequestDecisionAsync(incident,
                DecisionCalls.RansomBody(ceo.Id, inSeconds: 6, onExpiry: "apply_safe_option", defaultOptionId: "do_not_pay"))));
            var ids = asked.Select(d => d.Id).ToArray();
            Step($"asked {requests} decisions");
            await EscalationNode.EventuallyAsync(
                () => db.ScalarAsync("select count(*) from mt_events where stream_id = any($1) and type = 'decision_lapsed'", ids),
                n => n >= requests, TimeSpan.FromSeconds(30), $"{requests} lapses");
            await Task.Delay(TimeSpan.FromSeconds(1));
            var perRequest = new List<string>();
            foreach (var id in ids)
                perRequest.Add($"{id}: reminders {await CountAsync(db, id, "decision_reminder_sent")}, lapsed {await CountAsync(db, id, "decision_lapsed")}, " +
                               $"queued {await db.ScalarAsync("select count(*) from notification_outbox where stream_id = $1", DecisionNotices.StreamIdFor(id))}");
            Step(string.Join("\n", perRequest));
            foreach (var id in ids)
            {
                Assert.Equal(2, await CountAsync(db, id, "decision_reminder_sent"));
                Assert.Equal(1, await CountAsync(db, id, "decision_lapsed"));
            }
            using var mail = Mailbox.Shared();
            // Per request: the request, two reminders and the default applied.
            await mail.WaitForAsync(ceo.Email, TimeSpan.FromSeconds(30), m => ids.Any(id => DecisionPeople.About(m, id)), count: 4 * requests);
            Step("every mail arrived");
            await Task.Delay(TimeSpan.FromSeconds(1));
            // Each reminder names its own timer: no timer was decided twice.
            Assert.Equal(2 * requests, await db.ScalarAsync(
                "select count(distinct data->>'timerId') from mt_events where type = 'decision_reminder_sent' and stream_id = any($1)",
                ids.Select(DecisionNotices.StreamIdFor).ToArray()));
            var mails = (await mail.ToAsync(ceo.Email)).Where(m => ids.Any(id => DecisionPeople.About(m, id))).ToList();
            Assert.Equal(4 * requests, mails.Count);
            Assert.Equal(requests, mails.Count(m => Mailbox.Subject(m).StartsWith("[Lapsed] Default applied", StringComparison.Ordinal)));
            Assert.Equal(2 * requests, mails.Count(m => Mailbox.Subject(m).StartsWith("[Reminder]", StringComparison.Ordinal)));

            // Hangfire ran each decision timer's job once, on one node or the other.
            var runs = JobsRun(a.Log).Concat(JobsRun(b.Log)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
            Step($"decision timer jobs run by A: {JobsRun(a.Log).Count}, by B: {JobsRun(b.Log).Count}");
            Assert.Equal(3 * requests, runs.Count);
            Assert.All(runs, r => Assert.Equal(1, r.Value));
        }
        catch (Exception e)
        {
            throw ApiProcess.FailWithLogs(e, a, b);
        }
        finally
        {
            if (b is not null) await b.DisposeAsync();
            if (a is not null) await a.DisposeAsync();
        }
    }

    private static List<string> JobsRun(string log) =>
        Regex.Matches(log, @"Firing timer decision-deadline ([0-9a-f-]{36})").Select(m => m.Groups[1].Value).ToList();
}
