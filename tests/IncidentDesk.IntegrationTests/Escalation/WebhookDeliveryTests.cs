using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// A real HTTP server standing in for a chat or paging system's webhook endpoint: records every request
/// (headers and raw body) and answers per path: /ok → 200, /gone → 410, /flaky → 503 twice, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, string Body, string? Signature, string? ContentType);

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> calls = new();

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string BaseUrl { get; }

    private WebhookReceiver(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/{name}", async (string name, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver!.Requests.Enqueue(new Received(name, body, request.Headers["X-IncidentDesk-Signature"].ToString(), request.ContentType));
            var n = receiver.calls.AddOrUpdate(name, 1, (_, c) => c + 1);
            return name switch
            {
                "ok" => Results.Ok(),
                "gone" => Results.StatusCode(410),
                "flaky" => n <= 2 ? Results.StatusCode(503) : Results.Ok(),
                _ => Results.NotFound(),
            };
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    public IReadOnlyList<Received> To(string name) => Requests.Where(r => r.Path == name).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Webhooks signed with <see cref="Secret"/>, retried quickly, and a receiver to deliver them to.</summary>
public sealed class WebhookFixture : EscalationFixture
{
    public const string Secret = "webhook-secret-for-the-tests";

    public override int AckSeconds => 600;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Webhooks:Secret"] = Secret };
}

/// <summary>Webhook delivery (R15): a JSON POST signed with HMAC-SHA256, retried on 5xx, refused for good on 4xx.</summary>
[Collection(EscalationCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookFixture app) : IClassFixture<WebhookFixture>
{
    /// <summary>A chain for one category whose only contact has a webhook; a report of that category goes to it.</summary>
    private async Task<(IncidentRef Incident, string Email)> ReportToWebhookAsync(WebhookReceiver receiver, string category, string hook)
    {
        var email = EscalationNode.Address("hook");
        (await app.Node.Admin.PostAsync("/api/admin/contact-chains", new
        {
            name = $"Chat {hook}", categories = new[] { category }, isDefault = false,
            contacts = new[] { new { name = "Chat room", email, webhookUrl = $"{receiver.BaseUrl}/{hook}", language = "en" } },
        })).Expect(201);
        return (await app.Node.Admin.FileAsync(Bodies.Report(category)), email);
    }

    private async Task<JsonNode> WebhookDeliveryAsync(IncidentRef incident, string status) =>
        (await EscalationNode.EventuallyAsync(
            async () => (await app.Node.EscalationAsync(incident.Id)).Items("deliveries")
                .FirstOrDefault(d => d.Str("channel") == "webhook" && d.Str("status") == status),
            d => d is not null, TimeSpan.FromSeconds(20), $"the webhook delivery to be {status}"))!;

    [Fact]
    public async Task A_contact_with_a_webhook_gets_a_signed_JSON_POST_as_well_as_the_mail()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (incident, email) = await ReportToWebhookAsync(receiver, "C7", "ok");

        var delivery = await WebhookDeliveryAsync(incident, "sent");
        var request = Assert.Single(receiver.To("ok"));
        Assert.StartsWith("application/json", request.ContentType);
        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookFixture.Secret), Encoding.UTF8.GetBytes(request.Body)));
        Assert.Equal(expected, request.Signature);
        var json = JsonNode.Parse(request.Body)!;
        Assert.Equal(incident.Id.ToString(), json.Str("incidentId"));
        Assert.Equal(delivery.Str("notificationId"), json.Str("notificationId"));
        Assert.Equal("en", json.Str("language"));
        // The incident's own reference (INC-…), as the incident page shows it, not the mail subject it used to carry.
        Assert.Equal(incident.Reference, json.Str("reference"));
        Assert.Equal("webhook", delivery.Str("transport"));
        Assert.Contains("[New report]", json.Str("subject"));
        Assert.Contains(incident.Reference, json.Str("subject"));
        // The mail to the same contact goes out too, on its own row.
        await app.Mail.WaitForAsync(email, TimeSpan.FromSeconds(10), m => Mailbox.Subject(m).Contains(incident.Reference));
    }

    [Fact]
    public async Task A_webhook_refused_with_a_4xx_fails_for_good_after_one_attempt_and_shows_on_the_timeline()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (incident, _) = await ReportToWebhookAsync(receiver, "C9", "gone");

        var failed = await WebhookDeliveryAsync(incident, "failed");
        Assert.Equal(1, failed.Long("attempts"));
        Assert.Equal("HTTP 410", failed.Str("lastError"));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // longer than the first retry delay: nothing more is sent
        Assert.Single(receiver.To("gone"));
        Assert.Contains((await app.Node.Admin.GetJsonAsync("/api/admin/deliveries?status=failed")).Items(),
            d => d.Str("notificationId") == failed.Str("notificationId"));
        var evt = Assert.Single((await app.Node.Admin.GetJsonAsync($"/api/incidents/{incident.Id}/timeline")).Items(),
            e => e.Str("type") == "notification_failed");
        Assert.True(evt["data"]!.Bool("permanent"));
    }

    [Fact]
    public async Task A_webhook_answered_with_5xx_is_retried_with_backoff_until_it_is_accepted_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (incident, _) = await ReportToWebhookAsync(receiver, "C10", "flaky");

        var sent = await WebhookDeliveryAsync(incident, "sent");
        Assert.Equal(3, sent.Long("attempts"));
        Assert.Equal(3, receiver.To("flaky").Count);
        // The same message each time (one notification id), and one "sent" event for it.
        Assert.Single(receiver.To("flaky").Select(r => JsonNode.Parse(r.Body)!.Str("notificationId")).Distinct());
        Assert.Single((await app.Node.Admin.GetJsonAsync($"/api/incidents/{incident.Id}/timeline")).Items(),
            e => e.Str("type") == "notification_sent" && e["data"]!.Str("notificationId") == sent.Str("notificationId"));
    }
}
