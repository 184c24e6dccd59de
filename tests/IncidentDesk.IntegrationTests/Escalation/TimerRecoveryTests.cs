using IncidentDesk.Api.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>Deadlines survive a process that dies before relaying them, and fire once with two processes.</summary>
[Collection(EscalationCollection.Name)]
public sealed class TimerRecoveryTests
{
    private static Task<long> EscalatedCountAsync(TestDatabase db, Guid incidentId) =>
        db.ScalarAsync("select count(*) from events where stream_id = $1 and type = 'incident_escalated'", EscalationState.StreamIdFor(incidentId));

    [Fact]
    public async Task A_deadline_committed_by_a_process_that_died_before_relaying_it_is_scheduled_and_fires_in_the_next_process()
    {
        await using var db = await TestDatabase.CreateAsync("crashwindow");
        var first = EscalationNode.Address("first");
        var second = EscalationNode.Address("second");
        IncidentRef incident;
        await using (var dying = await EscalationNode.StartAsync(db, new Dictionary<string, string?> { ["IncidentDesk:Timers:Relay"] = "false" }))
        {
            await dying.CreateChainAsync(first, second);
            await dying.SetAckSecondsAsync(2);
            incident = await dying.Admin.FileAsync();
            await Task.Delay(500);
            Assert.True(await db.ScalarAsync("select count(*) from timer_outbox where incident_id = $1 and scheduled_at is null", incident.Id) >= 1);
            Assert.Equal(0, await db.ScalarAsync(
                "select count(*) from qrtz_triggers t join timer_outbox o on t.trigger_name = o.deadline_id::text where o.incident_id = $1", incident.Id));
        }

        await using var next = await EscalationNode.StartAsync(db);
        await EscalationNode.EventuallyAsync(
            // Only deadlines within the relay's horizon (IncidentDesk:Timers:HorizonSeconds, 300 s) go to Quartz.
            () => db.ScalarAsync("select count(*) from timer_outbox where incident_id = $1 and scheduled_at is null " +
                                 "and due_at < now() + interval '60 seconds'", incident.Id),
            n => n == 0, TimeSpan.FromSeconds(10), "the relay to schedule the acknowledge deadline");
        using var mail = Mailbox.Shared();
        await mail.WaitForAsync(second, TimeSpan.FromSeconds(15), m => Mailbox.Subject(m).Contains(incident.Reference));
        Assert.Equal(1, await EscalatedCountAsync(db, incident.Id));
    }

    [Fact]
    public async Task With_two_processes_on_one_database_a_deadline_fires_exactly_once()
    {
        await using var db = await TestDatabase.CreateAsync("twonodes");
        var first = EscalationNode.Address("first");
        var second = EscalationNode.Address("second");
        await using var a = await EscalationNode.StartAsync(db);
        await using var b = await EscalationNode.StartAsync(db);
        await a.CreateChainAsync(first, second);
        await a.SetAckSecondsAsync(2);
        var incident = await b.Admin.FileAsync();

        using var mail = Mailbox.Shared();
        await mail.WaitForAsync(second, TimeSpan.FromSeconds(15), m => Mailbox.Subject(m).Contains(incident.Reference));
        // The level-1 deadline (2 s later) ends in a breach; wait past it so a duplicate fire would show.
        await EscalationNode.EventuallyAsync(
            () => db.ScalarAsync("select count(*) from events where stream_id = $1 and type = 'sla_breached'", EscalationState.StreamIdFor(incident.Id)),
            n => n >= 1, TimeSpan.FromSeconds(15), "the level-1 deadline to breach");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await EscalatedCountAsync(db, incident.Id));
        Assert.Equal(1, await db.ScalarAsync("select count(*) from events where stream_id = $1 and type = 'sla_breached'", EscalationState.StreamIdFor(incident.Id)));
        Assert.Single(await mail.ToAsync(second), m => Mailbox.Subject(m).Contains(incident.Reference));
    }
}
