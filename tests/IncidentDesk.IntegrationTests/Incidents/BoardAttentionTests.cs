using IncidentDesk.Api.Escalation.FiringDeadlines;
using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentDesk.IntegrationTests.Incidents;

/// <summary>The API on a clock the test moves (timers off: the test fires deadlines itself, as their jobs would).</summary>
public sealed class ClockedApp : IncidentDeskApp
{
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));

    /// <summary>Fires the incident's open acknowledgement deadline, the way its timer job does (FireDeadline).</summary>
    public async Task FireAcknowledgeDeadlineAsync(IncidentRef incident)
    {
        var deadline = await Database.TextRowsAsync(
            $"select deadline_id::text from incident_deadlines where incident_id = '{incident.Id}' and kind = 'acknowledge' and status = 'open'");
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FireDeadline(incident.Id, Guid.Parse(Assert.Single(deadline))));
    }
}

/// <summary>
/// GET /api/incidents?attention=…: overdue (a due time passed unmet, at the time of the read), escalated (past the
/// first contact), breached; and the attention state on each board row.
/// </summary>
public sealed class BoardAttentionTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    // The built-in chain (no chain saved): the first admin, then every Responder; so two contacts at least.
    private Task<ApiClient> ResponderAsync() => app.SharedAsync("responder", () => app.SignInAsNewAsync("Responder", "Aoi Responder"));

    private static async Task<JsonNodeRow> RowAsync(ApiClient client, IncidentRef incident) =>
        new((await client.GetJsonAsync($"/api/incidents?q={incident.Reference}")).Items().Single());

    private static async Task<Guid[]> IdsAsync(ApiClient client, string query) =>
        (await client.GetJsonAsync("/api/incidents?pageSize=200" + query)).Items().Select(i => i.Guid("id")).ToArray();

    private sealed record JsonNodeRow(System.Text.Json.Nodes.JsonNode Row)
    {
        public bool Overdue => Row.Bool("overdue");
        public bool Escalated => Row.Bool("escalated");
        public long Level => Row.Long("escalationLevel");
        public bool Breached => Row.Bool("breached");
    }

    [Fact]
    public async Task An_unacknowledged_report_past_its_acknowledge_time_is_overdue_then_escalated_then_breached_and_stands_out_in_each_filter()
    {
        var responder = await ResponderAsync();
        var reporter = await app.SignInAsNewAsync("Reporter");
        var late = await reporter.FileAsync(Bodies.Report("C2", "ファイルサーバーに身代金を要求する画面が出ています"));
        var acknowledged = await responder.RunAsync(await reporter.FileAsync(Bodies.Report("C3", "Phishing mail with an invoice")), "acknowledge", new { });

        var fresh = await RowAsync(responder, late);
        Assert.False(fresh.Overdue || fresh.Escalated || fresh.Breached, fresh.Row.ToJsonString());
        Assert.DoesNotContain(late.Id, await IdsAsync(responder, "&attention=any"));

        // Unrated reports are to be acknowledged within 30 minutes (the default SLA policy).
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var overdue = await RowAsync(responder, late);
        Assert.True(overdue.Overdue, overdue.Row.ToJsonString());
        Assert.False(overdue.Escalated);
        Assert.Contains(late.Id, await IdsAsync(responder, "&attention=overdue"));
        Assert.Contains(late.Id, await IdsAsync(responder, "&attention=any"));
        Assert.DoesNotContain(late.Id, await IdsAsync(responder, "&attention=escalated"));
        Assert.DoesNotContain(acknowledged.Id, await IdsAsync(responder, "&attention=overdue"));
        Assert.False((await RowAsync(responder, acknowledged)).Overdue);

        // Its deadline fires: the second contact is alerted (a new acknowledge deadline), and it is still overdue.
        await app.FireAcknowledgeDeadlineAsync(late);
        var escalated = await RowAsync(responder, late);
        Assert.True(escalated.Escalated && escalated.Overdue, escalated.Row.ToJsonString());
        Assert.Equal(1, escalated.Level);
        Assert.Contains(late.Id, await IdsAsync(responder, "&attention=escalated"));
        Assert.Contains(late.Id, await IdsAsync(responder, "&attention=escalated&stage=detection&category=C2"));
        Assert.DoesNotContain(late.Id, await IdsAsync(responder, "&attention=breached"));

        // Nobody acknowledges until the chain runs out: the breach.
        for (var i = 0; i < 10 && !(await RowAsync(responder, late)).Breached; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(31));
            await app.FireAcknowledgeDeadlineAsync(late);
        }
        Assert.True((await RowAsync(responder, late)).Breached);
        Assert.Contains(late.Id, await IdsAsync(responder, "&attention=breached"));

        // Acknowledged at last: no longer overdue, but it was escalated and breached, and says so.
        late = await responder.RunAsync(await responder.ReloadAsync(late), "acknowledge", new { });
        var settled = await RowAsync(responder, late);
        Assert.False(settled.Overdue);
        Assert.True(settled.Escalated && settled.Breached);
        Assert.DoesNotContain(late.Id, await IdsAsync(responder, "&attention=overdue"));
    }

    [Fact]
    public async Task Triage_past_its_due_time_is_overdue_until_triage_is_done()
    {
        var responder = await ResponderAsync();
        var reporter = await app.SignInAsNewAsync("Reporter");
        var incident = await responder.DriveToAsync(await reporter.FileAsync(Bodies.Report("C4", "Laptop left on the train")), "triage");
        Assert.False((await RowAsync(responder, incident)).Overdue);

        app.Clock.Advance(TimeSpan.FromMinutes(241)); // unrated triage: 4 hours from the report
        Assert.True((await RowAsync(responder, incident)).Overdue);
        Assert.Contains(incident.Id, await IdsAsync(responder, "&attention=overdue&stage=triage"));

        incident = await responder.DriveToAsync(incident, "analysis");
        Assert.False((await RowAsync(responder, incident)).Overdue);
        Assert.DoesNotContain(incident.Id, await IdsAsync(responder, "&attention=overdue"));
    }

    [Fact]
    public async Task A_reporter_filters_only_their_own_reports()
    {
        var responder = await ResponderAsync();
        var mine = await app.SignInAsNewAsync("Reporter");
        var other = await app.SignInAsNewAsync("Reporter");
        var own = await mine.FileAsync(Bodies.Report("C1", "PC very slow, strange pop-ups"));
        var theirs = await other.FileAsync(Bodies.Report("C1", "Antivirus warning on my PC"));
        app.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal([own.Id], await IdsAsync(mine, "&attention=overdue"));
        Assert.Contains(theirs.Id, await IdsAsync(responder, "&attention=overdue"));
    }

    [Theory]
    [InlineData("?attention=late")]
    [InlineData("?attention=Overdue")]
    [InlineData("?attention=1")]
    [InlineData("?attention=overdue,escalated")]
    [InlineData("?attention=%00")]
    public async Task A_bad_attention_value_is_a_400_naming_the_field(string query)
    {
        var responder = await ResponderAsync();
        (await responder.GetAsync("/api/incidents" + query)).ExpectFieldError("attention");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_attention_values()
    {
        var doc = await app.Anonymous().GetJsonAsync("/swagger/v1/swagger.json");
        var parameter = doc["paths"]!["/api/incidents"]!["get"]!["parameters"]!.AsArray().Single(p => p!.Str("name") == "attention")!;
        Assert.Equal(["overdue", "escalated", "breached", "any"], parameter["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }
}
