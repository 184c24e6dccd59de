using System.Text.Json.Nodes;
using IncidentDesk.Api.Hosting;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// A fresh install with no contact chain (issue 9 §1): timers and delivery on, mail to the shared maildev, an SLA
/// policy whose unrated acknowledgement time is <see cref="AckSeconds"/>, one extra Responder, and no chain.
/// </summary>
public sealed class NoChainFixture : IAsyncLifetime
{
    public const int AckSeconds = 3;

    private TestDatabase? database;
    private EscalationNode? node;

    public TestDatabase Database => database ?? throw new InvalidOperationException("not started");

    public EscalationNode Node => node ?? throw new InvalidOperationException("not started");

    public string ResponderEmail { get; } = EscalationNode.Address("responder");

    public string ExecutiveEmail { get; } = EscalationNode.Address("executive");

    public string DisabledExecutiveEmail { get; } = EscalationNode.Address("offexec");

    public Mailbox Mail { get; } = Mailbox.Shared();

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("nochain");
        node = await EscalationNode.StartAsync(database);
        await node.SetAckSecondsAsync(AckSeconds);
        (await node.Admin.PostAsync("/api/users", new
        {
            email = ResponderEmail, displayName = "Built-in Responder", roles = new[] { "Responder" }, password = "long-enough-password",
        })).Expect(201);
        foreach (var email in new[] { ExecutiveEmail, DisabledExecutiveEmail })
            (await node.Admin.PostAsync("/api/users", new
            {
                email, displayName = "Executive", roles = new[] { "Executive" }, password = "long-enough-password",
            })).Expect(201);
        var disabled = (await node.Admin.GetJsonAsync("/api/users")).Items().Single(u => u.Str("email") == DisabledExecutiveEmail);
        (await node.Admin.PostAsync($"/api/users/{disabled.Str("id")}/disable", null, disabled.Long("version"))).Expect(200);
    }

    public async Task DisposeAsync()
    {
        Mail.Dispose();
        if (node is not null) await node.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>
/// Until an admin saves a chain, a report goes to the built-in chain: the first admin, then every Responder. The
/// reporter is told who was alerted. (Mail of other test databases reaches the same admin address, so mails are
/// matched by the incident's id, which is unique, not by its reference.)
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class BuiltInChainTests(NoChainFixture app) : IClassFixture<NoChainFixture>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(15);

    private static Func<JsonNode, bool> AboutIt(IncidentRef incident) => m => Mailbox.Text(m).Contains(incident.Id.ToString());

    [Fact]
    public async Task A_report_on_a_fresh_install_reaches_the_first_admin_then_the_responders_and_the_reporter_hears_who()
    {
        var setup = await app.Node.Admin.GetJsonAsync("/api/admin/setup");
        Assert.False(setup["newReportsReachNobody"]!.GetValue<bool>());
        Assert.False(setup["defaultChainSaved"]!.GetValue<bool>());
        Assert.Equal([IncidentDeskFactory.AdminEmail, app.ResponderEmail],
            setup["builtInChain"]!["contacts"]!.AsArray().Select(c => c!["email"]!.GetValue<string>()));

        var reporterAccount = new TestAccount(Guid.Empty, EscalationNode.Address("reporter"), "long-enough-password", "Reporter", "Reporter");
        (await app.Node.Admin.PostAsync("/api/users", new
        {
            email = reporterAccount.Email, displayName = "Reporter", roles = new[] { "Reporter" }, password = reporterAccount.Password,
        })).Expect(201);
        using var reporter = app.Node.Factory.CreateApiClient(reporterAccount);
        (await reporter.LoginAsync(reporterAccount.Email, reporterAccount.Password)).Expect(200);
        var incident = await reporter.FileAsync(Bodies.Report(category: "C2"));

        var first = (await app.Mail.WaitForAsync(IncidentDeskFactory.AdminEmail, MailWait, AboutIt(incident))).Single();
        Assert.Contains("/ack/" + incident.Id, Mailbox.Text(first));
        var alerts = await EscalationNode.EventuallyAsync(() => reporter.GetJsonAsync($"/api/incidents/{incident.Id}/alerts"),
            a => a.Items("people").Any(p => p.Str("status") == "sent"), TimeSpan.FromSeconds(10), "the alert to be sent");
        Assert.Equal(["Administrator"], alerts.Items("people").Select(p => p.Str("name")));

        // Nobody acknowledged: the built-in chain's next contact, the Responder, is alerted.
        Assert.Single(await app.Mail.WaitForAsync(app.ResponderEmail, MailWait, AboutIt(incident)));
        var later = await EscalationNode.EventuallyAsync(() => reporter.GetJsonAsync($"/api/incidents/{incident.Id}/alerts"),
            a => a.Items("people").Count == 2, TimeSpan.FromSeconds(10), "both alerts to be listed");
        Assert.Equal(["Administrator", "Built-in Responder"], later.Items("people").Select(p => p.Str("name")));

        // The built-in chain exhausted: a breach, which reaches every enabled Executive and no disabled one.
        Assert.Single(await app.Mail.WaitForAsync(app.ExecutiveEmail, MailWait, AboutIt(incident)));
        var deliveries = (await app.Node.EscalationAsync(incident.Id)).Items("deliveries").Select(d => d.Str("address")).ToList();
        Assert.DoesNotContain(app.DisabledExecutiveEmail, deliveries);
        Assert.Empty(await app.Mail.ToAsync(app.DisabledExecutiveEmail));
    }

    [Fact]
    public async Task A_reporter_cannot_read_the_alerts_of_someone_elses_report()
    {
        var incident = await app.Node.Admin.FileAsync();
        var stranger = new TestAccount(Guid.Empty, EscalationNode.Address("stranger"), "long-enough-password", "Stranger", "Reporter");
        (await app.Node.Admin.PostAsync("/api/users", new
        {
            email = stranger.Email, displayName = "Stranger", roles = new[] { "Reporter" }, password = stranger.Password,
        })).Expect(201);
        using var client = app.Node.Factory.CreateApiClient(stranger);
        (await client.LoginAsync(stranger.Email, stranger.Password)).Expect(200);
        (await client.GetAsync($"/api/incidents/{incident.Id}/alerts")).Expect(404);
    }
}

/// <summary>A fresh install with no chain, whose admin creates one while a report waits.</summary>
public sealed class ChainCreatedLaterFixture : EscalationFixtureBase;

/// <summary>Shared start of the fixtures above that begin with no chain (timers and delivery on).</summary>
public class EscalationFixtureBase : IAsyncLifetime
{
    private TestDatabase? database;
    private EscalationNode? node;

    public EscalationNode Node => node ?? throw new InvalidOperationException("not started");

    public Mailbox Mail { get; } = Mailbox.Shared();

    public virtual int AckSeconds => 4;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("chainlater");
        node = await EscalationNode.StartAsync(database);
        await node.SetAckSecondsAsync(AckSeconds);
    }

    public async Task DisposeAsync()
    {
        Mail.Dispose();
        if (node is not null) await node.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>A chain created after reports were filed starts with its first contact for them, never mid-chain.</summary>
[Collection(EscalationCollection.Name)]
public sealed class ChainCreatedLaterTests(ChainCreatedLaterFixture app) : IClassFixture<ChainCreatedLaterFixture>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_reports_waiting_on_the_built_in_chain_go_to_the_new_chains_first_contact_then_its_second()
    {
        var incident = await app.Node.Admin.FileAsync();
        bool AboutIt(JsonNode m) => Mailbox.Text(m).Contains(incident.Id.ToString());
        await app.Mail.WaitForAsync(IncidentDeskFactory.AdminEmail, MailWait, AboutIt);

        var first = EscalationNode.Address("first");
        var second = EscalationNode.Address("second");
        await app.Node.CreateChainAsync(first, second);
        Assert.True((await app.Node.Admin.GetJsonAsync("/api/admin/setup"))["defaultChainSaved"]!.GetValue<bool>());

        var toFirst = (await app.Mail.WaitForAsync(first, MailWait, AboutIt)).Single();
        Assert.Contains("/ack/" + incident.Id, Mailbox.Text(toFirst));
        Assert.DoesNotContain(await app.Mail.ToAsync(second), AboutIt);

        Assert.Single(await app.Mail.WaitForAsync(second, MailWait, AboutIt));
        var levels = (await app.Node.Admin.GetJsonAsync($"/api/incidents/{incident.Id}/timeline")).Items()
            .Where(e => e.Str("type") == "incident_escalated").Select(e => e["data"]!["level"]!.GetValue<int>()).ToList();
        Assert.Equal([0, 1], levels);
    }
}

/// <summary>`--demo` ships a default chain and a ransomware chain of the demo accounts, so its reports reach them.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoChainsTests(DemoInstance demo)
{
    [Fact]
    public async Task The_demo_has_a_default_chain_and_a_ransomware_chain_and_its_ransomware_report_alerted_the_demo_responder()
    {
        var admin = demo.Admin;

        var chains = (await admin.GetJsonAsync("/api/admin/contact-chains")).Items().ToList();
        var fallback = chains.Single(c => c["isDefault"]!.GetValue<bool>());
        var ransomware = chains.Single(c => c["categories"]!.AsArray().Any(x => x!.GetValue<string>() == "C2"));
        Assert.Equal("responder@incidentdesk.local", fallback["contacts"]![0]!["email"]!.GetValue<string>());
        Assert.Equal(3, ransomware["contacts"]!.AsArray().Count);

        var ransom = (await admin.GetJsonAsync("/api/incidents?category=C2")).Items().Single();
        var alerts = await admin.GetJsonAsync($"/api/incidents/{ransom.Str("id")}/alerts");
        Assert.Equal(["佐藤 健 (情報システム部)"], alerts.Items("people").Select(p => p.Str("name")));
    }

    [Fact]
    public async Task The_demo_ransomware_report_is_critical_and_has_its_first_briefing_for_the_executives()
    {
        var admin = demo.Admin;

        var ransom = (await admin.GetJsonAsync("/api/incidents?category=C2")).Items().Single();
        Assert.Equal("critical", ransom.Str("severity"));
        var briefings = await admin.GetJsonAsync($"/api/incidents/{ransom.Str("id")}/briefings");
        var first = briefings.Items("items").Single();
        Assert.Equal((1L, "佐藤 健 (情報システム部)"), (first.Long("number"), first.Str("postedByName")));
        Assert.NotNull(briefings["nextDueAt"]);
        Assert.Contains(first.Str("id"), (await admin.GetJsonAsync("/api/briefings")).Items("items").Select(b => b.Str("id")));
    }
}
