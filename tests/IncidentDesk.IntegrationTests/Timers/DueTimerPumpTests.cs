using Hangfire;
using IncidentDesk.Api.Timers;
using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IncidentDesk.IntegrationTests.Timers;

/// <summary>
/// The due-timer pump hands a relayed timer's Hangfire job to the queue at its due time, not before, and leaves a
/// job alone that is no longer scheduled. The app's own timers are off here: the relay and the pump run by hand.
/// </summary>
public sealed class DueTimerPumpTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private IServiceProvider Services => app.Factory.Services;

    private TimerRelay Relay() => new(Services.GetRequiredService<NpgsqlDataSource>(), Services.GetRequiredService<IBackgroundJobClient>(),
        new ConfigurationBuilder().Build(), TimeProvider.System, NullLogger<TimerRelay>.Instance);

    private DueTimerPump Pump() => new(Services.GetRequiredService<NpgsqlDataSource>(), Services.GetRequiredService<IBackgroundJobClient>(),
        new ConfigurationBuilder().Build(), NullLogger<DueTimerPump>.Instance);

    private string? StateOf(string jobId)
    {
        using var connection = Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>Files a report whose acknowledge deadline is 3 s away and relays it: its timer, Hangfire job and due time.</summary>
    private async Task<(Guid Timer, string Job, DateTimeOffset Due)> RelayedAcknowledgeTimerAsync()
    {
        await app.SharedAsync("sla", async () =>
        {
            await app.Admin.SetUnratedAckSecondsAsync(3);
            return "set";
        });
        var incident = await app.Admin.FileAsync();
        Assert.True(await Relay().RelayOnceAsync(CancellationToken.None) >= 1);
        var row = Assert.Single(await app.Database.TextRowsAsync(
            "select o.timer_id || ' ' || o.job_id || ' ' || to_char(o.due_at at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') " +
            "from timer_outbox o join incident_deadlines d on d.deadline_id = o.timer_id " +
            $"where o.incident_id = '{incident.Id}' and d.kind = 'acknowledge' and o.enqueued_at is null"));
        var parts = row.Split(' ');
        return (Guid.Parse(parts[0]), parts[1], DateTimeOffset.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_scheduled_timer_reaches_the_queue_at_its_due_time_not_before()
    {
        var (timer, job, due) = await RelayedAcknowledgeTimerAsync();
        Assert.Equal("Scheduled", StateOf(job));

        // Before the due time the pump leaves it scheduled.
        if (due - DateTimeOffset.UtcNow > TimeSpan.FromSeconds(1))
        {
            await Pump().PumpOnceAsync(CancellationToken.None);
            Assert.Equal("Scheduled", StateOf(job));
        }
        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        Assert.True(await Pump().PumpOnceAsync(CancellationToken.None) >= 1);
        Assert.Equal("Enqueued", StateOf(job));
        Assert.Equal(1, await app.Database.ScalarAsync(
            "select count(*) from timer_outbox where timer_id = $1 and enqueued_at >= due_at", timer));
    }

    [Fact]
    public async Task A_job_no_longer_scheduled_is_left_alone()
    {
        var (timer, job, due) = await RelayedAcknowledgeTimerAsync();
        // An admin deleted it on the dashboard before it came due.
        Assert.True(Services.GetRequiredService<IBackgroundJobClient>().Delete(job));
        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        await Pump().PumpOnceAsync(CancellationToken.None);
        Assert.Equal("Deleted", StateOf(job));
        Assert.Equal(1, await app.Database.ScalarAsync("select count(*) from timer_outbox where timer_id = $1 and enqueued_at is not null", timer));
    }
}
