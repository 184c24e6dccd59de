using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.ContactChecks;
using IncidentDesk.Api.Notifications;
using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>
/// One node with timers and delivery on (the shared maildev), a C2 contact chain of two contacts (addresses unique to the
/// fixture) and an acknowledge time, which is a check's step, of <see cref="StepSeconds"/>.
/// </summary>
public sealed class ContactCheckFixture : IAsyncLifetime
{
    public const int StepSeconds = 3;
    private TestDatabase? database;
    private EscalationNode? node;

    public TestDatabase Database => database ?? throw new InvalidOperationException("not started");

    public EscalationNode Node => node ?? throw new InvalidOperationException("not started");

    public Mailbox Mail { get; } = Mailbox.Shared();

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("contactcheck");
        node = await EscalationNode.StartAsync(database);
        await node.SetAckSecondsAsync(StepSeconds);
    }

    /// <summary>A chain of its own for one test (category C2, so a check of C2 finds it), its contacts' addresses in order.</summary>
    public async Task<(Guid ChainId, string[] Addresses)> ChainAsync(string name, int contacts = 2)
    {
        var addresses = Enumerable.Range(1, contacts).Select(i => EscalationNode.Address($"c{i}")).ToArray();
        var created = (await Node.Admin.PostAsync("/api/admin/contact-chains", new
        {
            name, categories = new[] { "C2" },
            contacts = addresses.Select((e, i) => new { name = $"Contact {i + 1}", email = e, language = "en" }).ToArray(),
        })).Expect(201);
        return (created.Json.Guid("id"), addresses);
    }

    public Task<ContactCheckView> StartAsync(Guid runId, Guid checkId, Guid? chainId, bool announced = false) =>
        Node.Factory.Services.GetRequiredService<ContactCheckStarter>()
            .StartAsync(runId, checkId, Category.C2, chainId?.ToString(), announced, null, Node.Admin.Id, CancellationToken.None);

    public async Task DisposeAsync()
    {
        Mail.Dispose();
        if (node is not null) await node.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

[Collection(EscalationCollection.Name)]
public sealed partial class ContactCheckTests(ContactCheckFixture app) : IClassFixture<ContactCheckFixture>
{
    [GeneratedRegex(@"/drill-ack/(?<id>[0-9a-f-]{36})\?token=(?<token>[^\s]+)")]
    private static partial Regex DrillAckLink();

    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    private async Task<(JsonNode Mail, string Token)> LinkToAsync(string address, Guid checkId)
    {
        var mail = (await app.Mail.WaitForAsync(address, MailWait, m => Mailbox.Text(m).Contains($"/drill-ack/{checkId}", StringComparison.Ordinal))).Single();
        var link = DrillAckLink().Match(Mailbox.Text(mail));
        Assert.True(link.Success, $"no drill acknowledge link in the mail:\n{Mailbox.Text(mail)}");
        Assert.Equal(checkId, Guid.Parse(link.Groups["id"].Value));
        return (mail, Uri.UnescapeDataString(link.Groups["token"].Value));
    }

    /// <summary>The same moment, as the command saw it and as stored (PostgreSQL keeps microseconds).</summary>
    private static void AssertSameTime(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True((expected - actual).Duration() < TimeSpan.FromMilliseconds(1), $"{expected:O} is not {actual:O}");

    private Task<JsonNode> ResultsAsync(Guid checkId) => app.Node.Admin.GetJsonAsync($"/api/drills/contact-checks/{checkId}");

    private Task<IReadOnlyList<string>> EventTypesAsync(Guid checkId) =>
        app.Database.TextRowsAsync($"select type from mt_events where stream_id = '{checkId}' order by version");

    [Fact]
    public async Task A_contact_who_does_not_acknowledge_is_escalated_after_the_step_and_the_next_one_s_acknowledgement_is_timed()
    {
        var (chainId, to) = await app.ChainAsync("Two-contact chain");
        var runId = Guid.NewGuid();
        var checkId = Guid.NewGuid();

        var started = await app.StartAsync(runId, checkId, chainId);
        Assert.Equal([ContactOutcome.Pending, ContactOutcome.Pending], started.Members.Select(m => m.Outcome));
        Assert.Equal(started.Id, (await app.StartAsync(runId, checkId, chainId)).Id);

        // The chain members under test may receive the drill's mail (the dispatcher's drill gate reads this).
        Assert.Equal(to.Select(a => a.ToLowerInvariant()).Order(),
            await app.Database.TextRowsAsync($"select address from drill_allow_list where run_id = '{runId}' and reason = 'chain' order by address"));

        var (first, firstToken) = await LinkToAsync(to[0], checkId);
        Assert.StartsWith(DrillMarking.SubjectPrefix, Mailbox.Subject(first));
        Assert.StartsWith(DrillMarking.FirstLine("en"), Mailbox.Text(first));
        Assert.Contains("unannounced", Mailbox.Text(first));
        Assert.Empty(await app.Mail.ToAsync(to[1]));

        // A scanner (or the person) opens the link: it shows the landing page and counts nothing.
        var anonymous = app.Node.Factory.CreateApiClient();
        var view = (await anonymous.GetAsync($"/api/drill-ack/{checkId}?token={Uri.EscapeDataString(firstToken)}")).Expect(200).Json;
        Assert.Equal(("Contact 1", "Two-contact chain", 1, 2), (view.Str("recipientName"), view.Str("chainName"), (int)view.Long("position"), (int)view.Long("members")));
        Assert.Equal(DrillMarking.FirstLine("en"), view.Str("banner"));
        Assert.True(view.IsNull("acknowledgedAt"));

        // After the step, the second contact is alerted: the first is escalated past, exactly once.
        var (second, secondToken) = await LinkToAsync(to[1], checkId);
        Assert.StartsWith(DrillMarking.SubjectPrefix, Mailbox.Subject(second));
        var acked = (await anonymous.PostAsync($"/api/drill-ack/{checkId}", new { token = secondToken })).Expect(200).Json;
        Assert.False(acked.Bool("alreadyAcknowledged"));
        var again = (await anonymous.PostAsync($"/api/drill-ack/{checkId}", new { token = secondToken })).Expect(200).Json;
        Assert.True(again.Bool("alreadyAcknowledged"));
        AssertSameTime(acked.Time("acknowledgedAt"), again.Time("acknowledgedAt"));

        var results = await EscalationNode.EventuallyAsync(() => ResultsAsync(checkId),
            r => r.Items("members")[0]["deliveredAt"] is not null && r.Items("members")[1]["deliveredAt"] is not null, MailWait, "both deliveries recorded");
        Assert.Equal("completed", results.Str("status"));
        var (m0, m1) = (results.Items("members")[0], results.Items("members")[1]);
        Assert.Equal(("no_response", true, "email", 1L), (m0.Str("outcome"), m0.Bool("escalated"), m0.Str("channel"), m0.Long("attempts")));
        Assert.True(m0.IsNull("acknowledgedAt"));
        Assert.True(m0.Time("stepDueAt") - m0.Time("sentAt") == TimeSpan.FromSeconds(ContactCheckFixture.StepSeconds));
        Assert.True(m1.Time("sentAt") >= m0.Time("stepDueAt"), "the second contact is alerted only after the first one's step");
        Assert.Equal(("acknowledged", false, 1L), (m1.Str("outcome"), m1.Bool("escalated"), m1.Long("attempts")));
        AssertSameTime(acked.Time("acknowledgedAt"), m1.Time("acknowledgedAt"));
        Assert.Equal((m1.Time("acknowledgedAt") - m1.Time("sentAt")).TotalSeconds, m1["secondsToAcknowledge"]!.GetValue<double>(), 3);
        Assert.Equal((1L, 1L, 0L), (results["summary"]!.Long("acknowledged"), results["summary"]!.Long("noResponse"), results["summary"]!.Long("pending")));

        var types = await EventTypesAsync(checkId);
        Assert.Single(types, t => t == "contact_escalated");
        Assert.Single(types, t => t == "contact_response_missed");
        Assert.Single(types, t => t == "contact_acknowledged");
        Assert.Single(types, t => t == "contact_check_completed");
        // The token is a credential: no event holds it.
        Assert.Equal(0L, await app.Database.ScalarAsync("select count(*) from mt_events where data::text like '%' || $1 || '%'", secondToken[..40]));

        // The first contact answers after all: counted, but late; the check does not move again.
        var late = (await anonymous.PostAsync($"/api/drill-ack/{checkId}", new { token = firstToken })).Expect(200).Json;
        Assert.False(late.Bool("alreadyAcknowledged"));
        var after = await ResultsAsync(checkId);
        Assert.Equal("late", after.Items("members")[0].Str("outcome"));
        Assert.Single(await app.Mail.ToAsync(to[1]));

        var listed = (await app.Node.Admin.GetJsonAsync($"/api/drills/contact-checks?runId={runId}")).Items();
        Assert.Equal(checkId, Assert.Single(listed).Guid("id"));
        var cadence = await app.Node.Admin.GetJsonAsync("/api/drills/contact-checks/cadence");
        Assert.False(cadence.Bool("due"));
        AssertSameTime(results.Time("completedAt"), cadence.Time("lastCheckAt"));
    }

    [Fact]
    public async Task Concurrent_presses_of_the_button_count_one_acknowledgement_and_hand_on_to_the_next_contact_once()
    {
        var (chainId, to) = await app.ChainAsync("Concurrency chain");
        var checkId = Guid.NewGuid();
        await app.StartAsync(Guid.NewGuid(), checkId, chainId, announced: true);
        var (mail, token) = await LinkToAsync(to[0], checkId);
        Assert.Contains("(announced)", Mailbox.Subject(mail));

        var presses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            app.Node.Factory.CreateApiClient().PostAsync($"/api/drill-ack/{checkId}", new { token })));

        Assert.All(presses, p => p.Expect(200));
        Assert.Single(presses, p => !p.Json.Bool("alreadyAcknowledged"));
        Assert.Single(await EventTypesAsync(checkId), t => t == "contact_acknowledged");
        Assert.Equal(2, (await EventTypesAsync(checkId)).Count(t => t == "contact_attempt_sent"));
        var (_, secondToken) = await LinkToAsync(to[1], checkId);
        Assert.NotEqual(token, secondToken);
        var m0 = (await ResultsAsync(checkId)).Items("members")[0];
        Assert.Equal("acknowledged", m0.Str("outcome"));
    }

    [Fact]
    public async Task A_bad_or_foreign_link_is_refused_and_counts_nothing()
    {
        var (chainId, to) = await app.ChainAsync("Link chain", contacts: 1);
        var checkId = Guid.NewGuid();
        var otherId = Guid.NewGuid();
        await app.StartAsync(Guid.NewGuid(), checkId, chainId);
        await app.StartAsync(Guid.NewGuid(), otherId, chainId);
        var (_, token) = await LinkToAsync(to[0], checkId);
        var anonymous = app.Node.Factory.CreateApiClient();

        (await anonymous.GetAsync($"/api/drill-ack/{checkId}")).ExpectFieldError("token");
        (await anonymous.GetAsync($"/api/drill-ack/not-a-uuid?token=x")).ExpectFieldError("id");
        (await anonymous.PostAsync($"/api/drill-ack/{checkId}", new { token = (string?)null })).ExpectFieldError("token");
        (await anonymous.PostAsync($"/api/drill-ack/{checkId}", null)).ExpectFieldError("token");
        (await anonymous.PostAsync($"/api/drill-ack/{checkId}", new { token = token + "\u0007" })).ExpectFieldError("token");
        (await anonymous.PostAsync($"/api/drill-ack/{checkId}", new { token = new string('a', 2001) })).ExpectFieldError("token");
        var tampered = token[..^4] + (token[^4] == 'A' ? 'B' : 'A') + token[^3..];
        (await anonymous.PostAsync($"/api/drill-ack/{checkId}", new { token = tampered })).Expect(403);
        (await anonymous.PostAsync($"/api/drill-ack/{otherId}", new { token })).Expect(403);
        // An incident's acknowledge page does not take a drill check's token (each landing has its own token purpose).
        (await anonymous.PostAsync($"/api/ack/{checkId}", new { token })).Expect(403);

        // (Deliveries and step timers go on meanwhile; no acknowledgement is among what they wrote.)
        Assert.Equal(0L, await app.Database.ScalarAsync(
            $"select count(*) from mt_events where stream_id in ('{checkId}', '{otherId}') and type = 'contact_acknowledged'"));
    }
}
