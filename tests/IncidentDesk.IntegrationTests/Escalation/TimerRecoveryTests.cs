using System.Text.RegularExpressions;
using IncidentDesk.Api.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// Deadlines survive a process killed before it relayed them to Hangfire, and fire once in effect with two API
/// processes on one database. Both run the real API as separate OS processes (<see cref="ApiProcess"/>): two
/// Hangfire servers on one storage, as in production, and a kill that is a real crash (disposing a host is not).
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class TimerRecoveryTests(ITestOutputHelper output)
{
    private const int AckSeconds = 2;

    /// <summary>TimerJob logs each execution (with the timer's id, the deadline id) at Debug.</summary>
    private static readonly Dictionary<string, string?> TimerJobLog = new() { ["Logging:LogLevel:IncidentDesk.Api.Timers.TimerJob"] = "Debug" };

    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>The test's timeline in its output: where the seconds go when the class gets slow.</summary>
    private void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private static Task<long> EventCountAsync(TestDatabase db, Guid incidentId, string type) =>
        db.ScalarAsync("select count(*) from mt_events where stream_id = $1 and type = $2", EscalationState.StreamIdFor(incidentId), type);

    [Fact]
    public async Task A_deadline_committed_by_a_process_killed_before_relaying_it_is_scheduled_and_fires_in_the_next_process()
    {
        await using var db = await TestDatabase.CreateAsync("crashwindow");
        var first = EscalationNode.Address("first");
        var second = EscalationNode.Address("second");
        ApiProcess? dying = null, next = null;
        try
        {
            // A commits deadlines with their timer_outbox rows, and its relay never hands them to Hangfire: every
            // deadline of A is in the window between the commit and the scheduling when A dies.
            dying = await ApiProcess.StartAsync(db, "A", new Dictionary<string, string?> { ["IncidentDesk:Timers:Relay"] = "false" });
            Step($"process A (relay off) ready at {dying.BaseUrl}");
            await dying.CreateChainAsync(first, second);
            await dying.SetAckSecondsAsync(AckSeconds);
            var incident = await dying.Admin.FileAsync();
            Assert.Equal(1, await db.ScalarAsync(
                "select count(*) from timer_outbox o join incident_deadlines d on d.deadline_id = o.timer_id " +
                "where o.incident_id = $1 and d.kind = 'acknowledge' and o.scheduled_at is null", incident.Id));
            Assert.Equal(0, await db.ScalarAsync("select count(*) from hangfire.job"));
            dying.Kill();
            Assert.True(dying.HasExited);
            Step($"filed {incident.Reference}, its deadline only in the outbox; A killed");
            // The deadline comes due while no process is alive.
            await EscalationNode.EventuallyAsync(
                () => db.ScalarAsync("select count(*) from incident_deadlines where incident_id = $1 and kind = 'acknowledge' and due_at < now()", incident.Id),
                n => n == 1, TimeSpan.FromSeconds(AckSeconds + 5), "the acknowledge deadline to pass");
            Assert.Equal(0, await EventCountAsync(db, incident.Id, "incident_escalated"));

            next = await ApiProcess.StartAsync(db, "B");
            Step("process B ready");
            using var mail = Mailbox.Shared();
            await mail.WaitForAsync(second, TimeSpan.FromSeconds(15), m => Mailbox.Subject(m).Contains(incident.Reference));
            Step("escalation mail to the second contact received");
            Assert.Equal(0, await db.ScalarAsync(
                "select count(*) from timer_outbox where incident_id = $1 and scheduled_at is null and due_at < now() + interval '60 seconds'",
                incident.Id));
            Assert.Equal(1, await EventCountAsync(db, incident.Id, "incident_escalated"));
            Assert.Single(await mail.ToAsync(second), m => Mailbox.Subject(m).Contains(incident.Reference));
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
    public async Task Two_API_processes_on_one_database_are_two_Hangfire_servers_and_run_each_deadline_job_exactly_once()
    {
        const int incidents = 20;
        await using var db = await TestDatabase.CreateAsync("twoprocesses");
        var first = EscalationNode.Address("first");
        var second = EscalationNode.Address("second");
        ApiProcess? a = null, b = null;
        try
        {
            // Started together on the empty database, as two nodes deployed at once: the migrations, the first
            // admin and Hangfire's schema each go to whichever gets there first.
            (a, b) = await ApiProcess.StartTwoAsync(db, TimerJobLog);
            Step("processes A and B ready");
            // Each process announces its own Hangfire server, serving the timers queue, on the one storage.
            var servers = await EscalationNode.EventuallyAsync(
                async () => await db.TextRowsAsync("select id from hangfire.server where data::text like '%\"timers\"%' order by 1"),
                rows => rows.Count == 2, TimeSpan.FromSeconds(10), "two Hangfire servers serving the timers queue, one per process");
            Assert.Equal(2, servers.Distinct().Count());

            await a.CreateChainAsync(first, second);
            await b.SetAckSecondsAsync(AckSeconds);
            // Filed at once, half through each process: the relays of both race for the outbox rows, and the
            // deadlines come due within the same second or two.
            var filed = await Task.WhenAll(Enumerable.Range(0, incidents).Select(i => (i % 2 == 0 ? a : b).Admin.FileAsync()));
            Step($"filed {incidents} reports");
            var streams = filed.Select(i => EscalationState.StreamIdFor(i.Id)).ToArray();
            // Each incident: the level-0 acknowledge deadline escalates to the second contact, whose level-1
            // deadline finds the chain exhausted and breaches.
            await EscalationNode.EventuallyAsync(
                () => db.ScalarAsync("select count(*) from mt_events where stream_id = any($1) and type = 'sla_breached'", streams),
                n => n >= incidents, TimeSpan.FromSeconds(25), $"{incidents} acknowledge breaches");
            Step("every deadline fired");
            using var mail = Mailbox.Shared();
            var mails = await mail.WaitForAsync(second, TimeSpan.FromSeconds(15), count: incidents);
            Step("every escalation mail received");
            // Time for a second firing of any deadline, or a second delivery, to show.
            await Task.Delay(TimeSpan.FromSeconds(1));

            var firings = await TextRowsAsync(db,
                "select d.deadline_id::text || ' ' || d.level || ' ' || count(e.seq_id) || ' ' || coalesce(string_agg(e.type, ','), '') " +
                "from incident_deadlines d left join mt_events e on e.data->>'deadlineId' = d.deadline_id::text " +
                "  and e.type in ('incident_escalated', 'sla_breached') " +
                "where d.kind = 'acknowledge' and d.incident_id = any($1) group by d.deadline_id, d.level order by 1", filed.Select(i => i.Id).ToArray());
            Assert.Equal(2 * incidents, firings.Count);
            // No deadline passes early: each decision is taken at or after its deadline's due time (Hangfire itself
            // may start a job up to a second before it, TimerJob waits out the rest).
            var early = await TextRowsAsync(db,
                "select d.deadline_id::text || ' level ' || d.level || ' due ' || d.due_at || ' decided ' || (e.data->>'at') || ' ' || e.type " +
                "from incident_deadlines d join mt_events e on e.data->>'deadlineId' = d.deadline_id::text " +
                "and e.type in ('incident_escalated', 'sla_breached') where d.incident_id = any($1) and (e.data->>'at')::timestamptz < d.due_at",
                filed.Select(i => i.Id).ToArray());
            Assert.True(early.Count == 0, "decided before due:\n" + string.Join("\n", early));
            // Every scheduled timer job was handed to the queue (by the due-timer pump, or Hangfire's own scheduler).
            Assert.Equal(0, await db.ScalarAsync(
                "select count(*) from timer_outbox where incident_id = any($1) and job_id is not null and enqueued_at is null",
                filed.Select(i => i.Id).ToArray()));
            Assert.All(firings, f => Assert.Matches(@" 0 1 incident_escalated$| 1 1 sla_breached$", f));
            foreach (var incident in filed)
            {
                Assert.Equal(1, await EventCountAsync(db, incident.Id, "incident_escalated"));
                Assert.Equal(1, await EventCountAsync(db, incident.Id, "sla_breached"));
            }
            mails = await mail.ToAsync(second);
            Assert.Equal(incidents, mails.Count);
            Assert.All(filed, incident => Assert.Single(mails, m => Mailbox.Subject(m).Contains(incident.Reference)));

            // Hangfire itself ran each deadline's job once, on one node or the other (the command is idempotent, so
            // the events alone would not show a double fire). Which node runs which job is Hangfire's business:
            // the split is reported, not asserted (the crash test shows either node can take every job).
            var ranOnA = JobsRun(a.Log);
            var ranOnB = JobsRun(b.Log);
            Step($"deadline jobs run by A: {ranOnA.Count}, by B: {ranOnB.Count}");
            var runs = ranOnA.Concat(ranOnB).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(firings.Select(f => f.Split(' ')[0]), id => Assert.Equal(1, runs.GetValueOrDefault(id)));
            Assert.Equal(2 * incidents, runs.Count);
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

    /// <summary>The first column of every row, as text, with parameters $1, $2...</summary>
    private static async Task<IReadOnlyList<string>> TextRowsAsync(TestDatabase db, string sql, params object[] parameters)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        foreach (var p in parameters) cmd.Parameters.AddWithValue(p);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>
    /// The deadline ids whose timer job a process's log shows running, once per execution: TimerJob logs
    /// "Firing timer escalation-deadline {id} of incident {id}" at Debug (<see cref="TimerJobLog"/>).
    /// </summary>
    private static List<string> JobsRun(string log) =>
        Regex.Matches(log, @"Firing timer escalation-deadline ([0-9a-f-]{36})").Select(m => m.Groups[1].Value).ToList();
}
