using System.Collections.Concurrent;
using System.Net;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.EventStore;

/// <summary>
/// Optimistic concurrency under real contention: many writers, one stream, one PostgreSQL. Exactly one write
/// wins each version; the losers get 412 and nothing of theirs is stored.
/// </summary>
public sealed class ConcurrencyTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private const int Writers = 32;

    [Fact]
    public async Task Of_32_writers_sending_the_same_version_exactly_one_wins_and_the_others_get_412()
    {
        var responder = await app.SignInAsNewAsync("Responder");
        var incident = await responder.FileAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            responder.PostAsync($"{incident.Path}/notes", new { text = $"writer {i}" }, incident.Version)));

        var winner = Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(incident.Version + 1, winner.ETagVersion);
        var losers = results.Where(r => r != winner).ToList();
        Assert.Equal(Writers - 1, losers.Count);
        Assert.All(losers, r =>
        {
            r.Expect(412);
            Assert.Equal(incident.Version + 1, r.Json.Long("currentVersion"));
        });

        // Only the winner's note exists, in the log and in the incident.
        Assert.Equal(incident.Version + 1, await app.Database.ScalarAsync("select count(*) from mt_events where stream_id = $1", incident.Id));
        var notes = (await responder.ReloadAsync(incident)).Detail.Items("notes");
        Assert.Equal(winner.Json.Items("notes").Single().Str("text"), Assert.Single(notes).Str("text"));
    }

    [Fact]
    public async Task Writers_that_retry_on_412_lose_no_write_and_leave_the_stream_versions_contiguous()
    {
        const int Wanted = 100;
        var responder = await app.SignInAsNewAsync("Responder");
        var incident = await responder.FileAsync();
        var tickets = 0;
        var won = new ConcurrentBag<(long Version, string Text)>();
        var conflicts = 0;

        // Each writer claims a ticket (a note that must get in), then retries with the current version the 412 tells it.
        async Task Writer(int writer)
        {
            var version = incident.Version;
            while (Interlocked.Increment(ref tickets) <= Wanted)
            {
                var text = $"writer {writer} ticket {tickets}-{Guid.NewGuid():N}";
                while (true)
                {
                    var r = await responder.PostAsync($"{incident.Path}/notes", new { text }, version);
                    if (r.Status == HttpStatusCode.OK)
                    {
                        version = r.ETagVersion!.Value;
                        won.Add((version, text));
                        break;
                    }
                    r.Expect(412);
                    Interlocked.Increment(ref conflicts);
                    version = r.Json.Long("currentVersion");
                    // Like any polite client, back off a little (randomly) before retrying, so that 32 writers
                    // do not all hammer each new version at the same instant.
                    await Task.Delay(Random.Shared.Next(0, 25));
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(Writer));

        Assert.Equal(Wanted, won.Count);
        Assert.True(conflicts > 0, "32 writers on one stream never collided; the test did not test anything");
        // Exactly one 200 per version: the versions after the filing's are handed out each once.
        var filed = (int)incident.Version;
        Assert.Equal(Enumerable.Range(filed + 1, Wanted).Select(v => (long)v), won.Select(w => w.Version).Order());

        var versions = await app.Database.TextRowsAsync($"select e.version::text from mt_events e where e.stream_id = '{incident.Id}' order by e.version");
        Assert.Equal(Enumerable.Range(1, filed + Wanted).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), versions);
        Assert.Equal(filed + Wanted, await app.Database.ScalarAsync("select version from mt_streams where id = $1", incident.Id));
        Assert.Equal(filed + Wanted, await app.Database.ScalarAsync("select version from incident_board where id = $1", incident.Id));

        // Every winning note is stored once, at the version its writer was told.
        var stored = (await responder.GetJsonAsync($"{incident.Path}/timeline")).Items()
            .Where(e => e.Str("type") == "note_added")
            .Select(e => (e.Long("version"), e["data"]!.Str("text")))
            .Order().ToList();
        Assert.Equal(won.Order().ToList(), stored);
    }

    [Fact]
    public async Task Thirty_two_reports_filed_at_once_all_succeed_with_distinct_references()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var filed = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            reporter.PostAsync("/api/incidents", Bodies.Report(summary: $"Simultaneous report {i}"))));
        Assert.All(filed, r => r.Expect(201));
        var references = filed.Select(r => r.Json.Str("reference")).ToList();
        Assert.Equal(Writers, references.Distinct().Count());
        Assert.All(references, r => Assert.Matches(@"^INC-\d{4}-\d{4,}$", r));
    }

    [Fact]
    public async Task Two_admins_creating_the_same_account_at_once_create_it_once()
    {
        var otherAdmin = await app.SignInAsNewAsync("Admin");
        var email = $"race-{Guid.NewGuid():N}@incidentdesk.test";
        var body = new { email, displayName = "Raced", roles = new[] { "Reporter" }, password = "long-enough-password" };
        var before = await app.CountEventsAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? app.Admin : otherAdmin).PostAsync("/api/users", body)));

        Assert.Single(results, r => r.StatusCode == 201);
        Assert.All(results.Where(r => r.StatusCode != 201), r => Assert.Equal(["email_taken"], r.Expect(409).RuleCodes));
        Assert.Equal(before + 1, await app.CountEventsAsync());
        Assert.Equal(1, await app.Database.ScalarAsync("select count(*) from users where lower(email) = lower($1)", email));
    }
}
