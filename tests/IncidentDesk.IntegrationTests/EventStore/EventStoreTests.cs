using IncidentDesk.Api.EventStore;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Npgsql;

namespace IncidentDesk.IntegrationTests.EventStore;

/// <summary>The log is evidence: the database itself refuses to change it, and the read models can always be rebuilt from it.</summary>
public sealed class EventStoreTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Theory]
    [InlineData("update mt_events set type = 'tampered'")]
    [InlineData("update mt_events set data = '{}'::jsonb where version = 1")]
    [InlineData("delete from mt_events")]
    [InlineData("delete from mt_events where seq_id = (select max(seq_id) from mt_events)")]
    [InlineData("truncate mt_events")]
    [InlineData("truncate mt_events cascade")]
    public async Task The_database_refuses_to_change_or_remove_a_stored_event(string sql)
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        await reporter.FileAsync();
        var before = await app.Database.TextRowsAsync("select e::text from mt_events e order by seq_id");

        await using var cmd = app.Database.DataSource.CreateCommand(sql);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());

        Assert.Equal("P0001", refused.SqlState);
        Assert.Contains("append-only", refused.MessageText);
        Assert.Equal(before, await app.Database.TextRowsAsync("select e::text from mt_events e order by seq_id"));
    }

    [Fact]
    public async Task Rebuilding_the_read_models_from_the_log_reproduces_them_exactly()
    {
        // A varied history: accounts of every role; incidents at every stage, re-rated, reclassified, reassigned, noted.
        var responder = await app.SignInAsNewAsync("Responder", "Rebuild Responder");
        var colleague = await app.SignInAsNewAsync("Responder", "Rebuild Colleague");
        var reporter = await app.SignInAsNewAsync("Reporter", "Rebuild Reporter");
        await app.CreateAccountAsync("Executive", "Rebuild Executive");
        await app.CreateAccountAsync("Admin", "Rebuild Admin");
        foreach (var stage in new[] { "detection", "triage", "analysis", "recovery", "prevention", "closed" })
            await responder.DriveToAsync(await reporter.FileAsync(Bodies.Report("C1", $"Incident left in {stage}")), stage);
        var worked = await responder.DriveToAsync(await reporter.FileAsync(Bodies.Report("unknown", "Odd pop-ups", personalDataMayBeInvolved: true)), "triage");
        worked = await responder.RunAsync(worked, "triage", Bodies.Triage("public", "minor", ownerId: responder.Id));
        worked = await responder.RunAsync(worked, "severity", new { infoClass = "confidential", impact = "serious", personalDataInvolved = true, reason = "HR data" });
        worked = await responder.RunAsync(worked, "reclassify", new { category = "C6", reason = "Someone logged in from abroad" });
        worked = await responder.RunAsync(worked, "assign", new { ownerId = colleague.Id });
        await reporter.RunAsync(await reporter.ReloadAsync(worked), "notes", new { text = "It happened again" });

        const string board = "select b::text from incident_board b order by id";
        const string users = "select u::text from users u order by id";
        var boardBefore = await app.Database.TextRowsAsync(board);
        var usersBefore = await app.Database.TextRowsAsync(users);
        Assert.Contains(boardBefore, row => row.Contains("Odd pop-ups"));
        Assert.Contains(usersBefore, row => row.Contains("Rebuild Executive"));

        // Damage the read models so that a rebuild that did nothing could not pass.
        await Exec("update incident_board set stage = 'closed', summary = 'tampered', severity = null, version = 0");
        await Exec("delete from users where display_name like 'Rebuild%'");

        var replayed = await app.Factory.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(CancellationToken.None);

        Assert.Equal(await app.CountEventsAsync(), replayed);
        Assert.Equal(boardBefore, await app.Database.TextRowsAsync(board));
        Assert.Equal(usersBefore, await app.Database.TextRowsAsync(users));
        // And the rebuilt models serve the API: the reporter can still sign in and see their reports.
        var again = await app.SignInAsync(reporter.Account!);
        Assert.Equal(7, (await again.GetJsonAsync("/api/incidents")).Long("total"));
    }

    [Fact]
    public async Task Every_migration_is_applied_and_recorded_once_in_order()
    {
        var recorded = await app.Database.TextRowsAsync("select version || ' ' || name from schema_migrations order by version");
        Assert.Equal(Migrator.Migrations.Select(m => $"{m.Number} {m.Name}"), recorded);
        Assert.Equal(Enumerable.Range(1, Migrator.Migrations.Count).Select(n => (long)n),
            (await app.Database.TextRowsAsync("select version::text from schema_migrations m order by m.version")).Select(long.Parse));
    }

    [Fact]
    public async Task Starting_the_API_again_on_the_same_database_applies_nothing_twice_and_keeps_one_admin()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        await reporter.FileAsync();
        var migrations = await app.Database.TextRowsAsync("select m::text from schema_migrations m order by version");
        var events = await app.CountEventsAsync();
        var users = await app.Database.TextRowsAsync("select u::text from users u order by id");

        await using (var secondNode = new IncidentDeskFactory(app.Database.ConnectionString))
        {
            using var client = secondNode.CreateApiClient();
            (await client.GetAsync("/health/ready")).Expect(200);

            // Sessions survive the hop between nodes: the key ring that signs cookies lives in the database.
            using var raw = secondNode.CreateClient(new() { HandleCookies = false });
            var login = await raw.PostAsJsonAsync("/api/auth/login", new { email = reporter.Account!.Email, password = reporter.Account.Password });
            login.EnsureSuccessStatusCode();
            var session = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("incidentdesk.session=", StringComparison.Ordinal));
            using var onFirstNode = app.Factory.CreateClient(new() { HandleCookies = false });
            using var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me") { Headers = { { "Cookie", session } } };
            var answer = await onFirstNode.SendAsync(me);
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains(reporter.Account.Email, await answer.Content.ReadAsStringAsync());
        }

        Assert.Equal(migrations, await app.Database.TextRowsAsync("select m::text from schema_migrations m order by version"));
        Assert.Equal(events, await app.CountEventsAsync());
        Assert.Equal(users, await app.Database.TextRowsAsync("select u::text from users u order by id"));
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_database_migrate_it_once_and_create_one_admin()
    {
        await using var empty = await TestDatabase.CreateAsync("twonodes");
        await using var first = new IncidentDeskFactory(empty.ConnectionString);
        await using var second = new IncidentDeskFactory(empty.ConnectionString);

        // Touching Services starts each host; run both startups (migrate + first admin) concurrently.
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        Assert.Equal(Migrator.Migrations.Count, await empty.ScalarAsync("select count(*) from schema_migrations"));
        Assert.Equal(1, await empty.ScalarAsync("select count(*) from users"));
        Assert.Equal(1, await empty.ScalarAsync("select count(*) from mt_events"));
        using var client = second.CreateApiClient();
        (await client.LoginAsync(IncidentDeskFactory.AdminEmail, IncidentDeskFactory.AdminPassword)).Expect(200);
    }

    [Fact]
    public async Task Each_append_moves_the_stream_version_and_the_events_together()
    {
        var responder = await app.SignInAsNewAsync("Responder");
        var incident = await responder.DriveToAsync(await responder.FileAsync(), "analysis");
        Assert.Equal(incident.Version, await app.Database.ScalarAsync("select version from mt_streams where id = $1", incident.Id));
        Assert.Equal(incident.Version, await app.Database.ScalarAsync("select max(version) from mt_events where stream_id = $1", incident.Id));
        Assert.Equal(incident.Version, await app.Database.ScalarAsync("select count(*) from mt_events where stream_id = $1", incident.Id));
        Assert.Equal(0, await app.Database.ScalarAsync(
            "select count(*) from mt_streams s where s.version <> (select count(*) from mt_events e where e.stream_id = s.id)"));
        // Event types are stored by their stable names, never CLR names.
        var types = await app.Database.TextRowsAsync("select distinct type from mt_events order by type");
        Assert.All(types, t => Assert.Matches("^[a-z]+(_[a-z]+)*$", t));
    }

    private async Task Exec(string sql)
    {
        await using var cmd = app.Database.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
