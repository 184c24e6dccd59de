using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// One API "process" with timers and delivery on, on a given database, with its admin signed in. Several nodes on
/// one database stand for a cluster.
/// </summary>
public sealed class EscalationNode : IAsyncDisposable
{
    private EscalationNode(IncidentDeskFactory factory, ApiClient admin)
    {
        Factory = factory;
        Admin = admin;
    }

    public IncidentDeskFactory Factory { get; }

    public ApiClient Admin { get; }

    /// <summary>Timers and the dispatcher on, mail to the shared maildev, quick retries; <paramref name="extra"/> on top.</summary>
    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["IncidentDesk:Timers:Enabled"] = "true",
            ["Notifications:Dispatch"] = "true",
            ["Notifications:BaseDelaySeconds"] = "1",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Mailbox.SharedSmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IncidentDesk:PublicUrl"] = "http://incidentdesk.test",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        return settings;
    }

    public static async Task<EscalationNode> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var factory = new IncidentDeskFactory(database.ConnectionString, Settings(extra));
        var admin = factory.CreateApiClient();
        var login = (await admin.LoginAsync(IncidentDeskFactory.AdminEmail, IncidentDeskFactory.AdminPassword)).Expect(200);
        admin.Account = new TestAccount(login.Json.Guid("id"), IncidentDeskFactory.AdminEmail, IncidentDeskFactory.AdminPassword,
            login.Json.Str("displayName"), "Admin");
        return new EscalationNode(factory, admin);
    }

    public Task CreateChainAsync(params string[] emails) => Admin.CreateDefaultChainAsync(emails);

    public Task SetAckSecondsAsync(int ackSeconds) => Admin.SetUnratedAckSecondsAsync(ackSeconds);

    public async Task<JsonNode> EscalationAsync(Guid incidentId) => await Admin.GetJsonAsync($"/api/incidents/{incidentId}/escalation");

    public async Task<IReadOnlyList<string>> TimelineTypesAsync(Guid incidentId) =>
        (await Admin.GetJsonAsync($"/api/incidents/{incidentId}/timeline")).Items().Select(e => e.Str("type")).ToList();

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>A unique address for one test, so parallel classes sharing the sink never see each other's mail.</summary>
    public static string Address(string who) => $"{who}-{Guid.NewGuid():N}"[..Math.Min(who.Length + 13, 40)] + "@escalation.test";

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"timed out after {timeout.TotalSeconds} s waiting for {what}; last: {value}");
            await Task.Delay(200);
        }
    }
}

/// <summary>The escalation classes run one after another: each starts Hangfire servers and delivery on the shared maildev.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EscalationCollection
{
    public const string Name = "Escalation timers";
}

/// <summary>Escalation settings as an admin sets them through the API, for in-process nodes and API processes alike.</summary>
public static class EscalationAdmin
{
    /// <summary>A default contact chain of these addresses, in order (POST /api/admin/contact-chains).</summary>
    public static async Task CreateDefaultChainAsync(this ApiClient admin, params string[] emails) =>
        (await admin.PostAsync("/api/admin/contact-chains", new
        {
            name = "Escalation test chain",
            categories = Array.Empty<string>(),
            isDefault = true,
            contacts = emails.Select((e, i) => new { name = $"Contact {i + 1}", email = e, language = "en" }).ToArray(),
        })).Expect(201);

    /// <summary>Replaces the default SLA policy: unrated incidents must be acknowledged within <paramref name="ackSeconds"/>.</summary>
    /// <param name="version">The policy's version as last read (0 while none was saved).</param>
    public static async Task SetUnratedAckSecondsAsync(this ApiClient admin, int ackSeconds, long version = 0)
    {
        object Minutes(int m) => new { minutes = m, nextBusinessDay = false };
        var rows = new[] { "unrated", "critical", "high", "medium", "low" }.Select(s => new
        {
            severity = s,
            acknowledge = s == "unrated" ? (object)new { minutes = (int?)null, nextBusinessDay = false, seconds = ackSeconds } : Minutes(30),
            triage = Minutes(600),
            reminder = Minutes(600),
        });
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/sla-policy")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { rows, timeZone = "Asia/Tokyo", businessDayStartHour = 9 }),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        (await admin.SendAsync(request)).Expect(200);
    }
}
