using Hangfire;
using IncidentDesk.Api.Timers;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IncidentDesk.IntegrationTests.Timers;

/// <summary>
/// Hangfire's dashboard at /admin/jobs: Admins only, on their cookie session; it shows the timers the relay
/// handed to Hangfire, read from the storage in the application's database.
/// </summary>
public sealed class JobsDashboardTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_sign_in_and_back()
    {
        var anonymous = app.Anonymous();
        var page = (await anonymous.GetAsync("/admin/jobs")).Expect(302);
        Assert.Equal("/login?next=%2Fadmin%2Fjobs", page.Location);
        (await anonymous.GetAsync("/admin/jobs/jobs/scheduled")).Expect(302);
        (await anonymous.PostRawAsync("/admin/jobs/jobs/scheduled/enqueue", null, sendXsrf: false)).Expect(401);
    }

    [Theory]
    [InlineData("Reporter")]
    [InlineData("Responder")]
    [InlineData("Executive")]
    public async Task Every_role_but_admin_is_refused(string role)
    {
        var caller = await app.SignInAsNewAsync(role);
        var page = (await caller.GetAsync("/admin/jobs")).Expect(403);
        Assert.DoesNotContain("Hangfire", page.Body);
        (await caller.GetAsync("/admin/jobs/jobs/scheduled")).Expect(403);
        (await caller.PostRawAsync("/admin/jobs/jobs/scheduled/enqueue", null)).Expect(403);
    }

    [Fact]
    public async Task An_admin_sees_the_timers_the_relay_scheduled()
    {
        var incident = await app.Admin.FileAsync();
        var deadline = Assert.Single(await app.Database.TextRowsAsync(
            "select o.timer_id::text from timer_outbox o join incident_deadlines d on d.deadline_id = o.timer_id " +
            $"where o.incident_id = '{incident.Id}' and o.purpose = 'escalation-deadline' and d.kind = 'acknowledge'"));

        // The relay of a node, with a horizon that reaches the acknowledge deadline (timers are off in this app).
        var services = app.Factory.Services;
        var relay = new TimerRelay(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IBackgroundJobClient>(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["IncidentDesk:Timers:HorizonSeconds"] = "86400" }).Build(),
            TimeProvider.System, NullLogger<TimerRelay>.Instance);
        Assert.True(await relay.RelayOnceAsync(CancellationToken.None) >= 1);
        Assert.Equal(1, await app.Database.ScalarAsync(
            "select count(*) from timer_outbox where timer_id = $1 and scheduled_at is not null", Guid.Parse(deadline)));

        var home = (await app.Admin.GetAsync("/admin/jobs")).Expect(200);
        Assert.Contains("IncidentDesk — jobs", home.Body);
        var scheduled = (await app.Admin.GetAsync("/admin/jobs/jobs/scheduled")).Expect(200);
        Assert.Contains($"escalation-deadline {deadline}", scheduled.Body);
    }

    [Fact]
    public async Task An_admin_command_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var before = await app.Database.ScalarAsync("select count(*) from hangfire.job");
        (await app.Admin.PostRawAsync("/admin/jobs/recurring/trigger", null, sendXsrf: false)).Expect(403);
        Assert.Equal(before, await app.Database.ScalarAsync("select count(*) from hangfire.job"));
    }
}
