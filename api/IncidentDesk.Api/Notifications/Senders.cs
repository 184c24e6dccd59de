using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IncidentDesk.Api.Notifications;

/// <summary>What a delivery attempt came to. Permanent failures are not retried.</summary>
public sealed record DeliveryResult(bool Delivered, bool Permanent, string? Error, NotificationTransport? Transport = null)
{
    public static DeliveryResult Ok(NotificationTransport transport) => new(true, false, null, transport);
    public static DeliveryResult Transient(string error) => new(false, false, error);
    public static DeliveryResult Refused(string error) => new(false, true, error);
}

/// <summary>A message as it leaves: <see cref="Body"/> is the stored text; the acknowledge link (a credential) is added here only.</summary>
public sealed record OutgoingMessage(Guid NotificationId, Guid IncidentId, string RecipientName, string Address, string Language,
    string Subject, string Body, string? AckUrl = null)
{
    public string AckLabel => Language == "en" ? "Acknowledge with one click (no sign-in needed)" : "ワンクリックで受付確認（ログイン不要）";

    /// <summary>The plain text: the stored body, then the acknowledge link on a line of its own.</summary>
    public string Text => AckUrl is null ? Body : $"{Body}\n{AckLabel}: {AckUrl}\n";
}

/// <summary>Webhook delivery: a JSON POST signed with HMAC-SHA256 over the body (X-IncidentDesk-Signature).</summary>
public sealed class WebhookSender(IHttpClientFactory http, IConfiguration config, TimeProvider clock)
{
    public const string SignatureHeader = "X-IncidentDesk-Signature";

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <param name="incidentReference">The incident's human reference (INC-2026-0042), as the incident page shows it.</param>
    public async Task<DeliveryResult> SendAsync(OutgoingMessage m, string? incidentReference, CancellationToken ct)
    {
        var secret = config["Webhooks:Secret"];
        if (string.IsNullOrEmpty(secret)) return DeliveryResult.Refused("Webhooks:Secret is not configured; unsigned webhooks are not sent");
        var body = JsonSerializer.Serialize(new
        {
            notificationId = m.NotificationId, incidentId = m.IncidentId, reference = incidentReference, recipient = m.RecipientName,
            language = m.Language, subject = m.Subject, text = m.Text, sentAt = clock.GetUtcNow(),
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, m.Address) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, Sign(secret, body));
        try
        {
            using var response = await http.CreateClient("webhooks").SendAsync(request, ct);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 300 ? DeliveryResult.Ok(NotificationTransport.Webhook)
                : code is >= 400 and < 500 and not 408 and not 429 ? DeliveryResult.Refused($"HTTP {code}")
                : DeliveryResult.Transient($"HTTP {code}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return DeliveryResult.Transient(e.Message);
        }
    }
}
