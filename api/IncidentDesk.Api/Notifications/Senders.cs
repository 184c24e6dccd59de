using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IncidentDesk.Api.Notifications;

/// <summary>What a delivery attempt came to. Permanent failures are not retried.</summary>
public sealed record DeliveryResult(bool Delivered, bool Permanent, string? Error)
{
    public static readonly DeliveryResult Ok = new(true, false, null);
    public static DeliveryResult Transient(string error) => new(false, false, error);
    public static DeliveryResult Refused(string error) => new(false, true, error);
}

public sealed record OutgoingMessage(Guid NotificationId, Guid IncidentId, string RecipientName, string Address, string Language,
    string Subject, string Body);

public interface IEmailSender
{
    /// <summary>"smtp host:port" or "pickup folder" (shown on the admin page).</summary>
    string Describe();

    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>
/// System.Net.Mail (MailKit is not obtainable here). With Smtp:Host configured it talks SMTP (STARTTLS and
/// credentials from configuration); without, it writes .eml files into a pickup folder, so nothing is lost
/// and an admin can see what would have been sent.
/// </summary>
public sealed class SmtpEmailSender(IConfiguration config) : IEmailSender
{
    private string? Host => config["Smtp:Host"] is { Length: > 0 } h ? h : null;
    private int Port => config.GetValue("Smtp:Port", 25);
    private string From => config["Smtp:From"] is { Length: > 0 } f ? f : "IncidentDesk <incidentdesk@localhost>";
    public string PickupDirectory => Path.GetFullPath(config["Smtp:PickupDirectory"] is { Length: > 0 } p ? p : Path.Combine(".data", "mail-pickup"));

    public string Describe() => Host is { } h ? $"smtp {h}:{Port}" : $"pickup {PickupDirectory}";

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        using var mail = new MailMessage(new MailAddress(From), new MailAddress(message.Address, message.RecipientName))
        {
            Subject = message.Subject, Body = message.Body, SubjectEncoding = Encoding.UTF8, BodyEncoding = Encoding.UTF8,
        };
        mail.Headers.Add("X-IncidentDesk-Notification", message.NotificationId.ToString());
        using var client = Host is { } host
            ? new SmtpClient(host, Port)
            {
                EnableSsl = config.GetValue("Smtp:StartTls", false),
                Credentials = config["Smtp:User"] is { Length: > 0 } user ? new NetworkCredential(user, config["Smtp:Password"]) : null,
                Timeout = 15_000,
            }
            : new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = PickupDirectory };
        if (Host is null) Directory.CreateDirectory(PickupDirectory);
        try
        {
            await client.SendMailAsync(mail, ct);
            return DeliveryResult.Ok;
        }
        catch (SmtpFailedRecipientException e) when ((int)e.StatusCode is >= 500 and < 600)
        {
            return DeliveryResult.Refused($"{(int)e.StatusCode} {e.Message}");
        }
        catch (SmtpException e) when ((int)e.StatusCode is >= 500 and < 600)
        {
            return DeliveryResult.Refused($"{(int)e.StatusCode} {e.Message}");
        }
        catch (SmtpException e)
        {
            return DeliveryResult.Transient($"{e.StatusCode}: {e.InnerException?.Message ?? e.Message}");
        }
        catch (IOException e)
        {
            return DeliveryResult.Transient(e.Message);
        }
    }
}

/// <summary>Webhook delivery: a JSON POST signed with HMAC-SHA256 over the body (X-IncidentDesk-Signature).</summary>
public sealed class WebhookSender(IHttpClientFactory http, IConfiguration config)
{
    public const string SignatureHeader = "X-IncidentDesk-Signature";

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public async Task<DeliveryResult> SendAsync(OutgoingMessage m, string incidentReference, CancellationToken ct)
    {
        var secret = config["Webhooks:Secret"];
        if (string.IsNullOrEmpty(secret)) return DeliveryResult.Refused("Webhooks:Secret is not configured; unsigned webhooks are not sent");
        var body = JsonSerializer.Serialize(new
        {
            notificationId = m.NotificationId, incidentId = m.IncidentId, reference = incidentReference, recipient = m.RecipientName,
            language = m.Language, subject = m.Subject, text = m.Body, sentAt = DateTimeOffset.UtcNow,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, m.Address) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, Sign(secret, body));
        try
        {
            using var response = await http.CreateClient("webhooks").SendAsync(request, ct);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 300 ? DeliveryResult.Ok
                : code is >= 400 and < 500 and not 408 and not 429 ? DeliveryResult.Refused($"HTTP {code}")
                : DeliveryResult.Transient($"HTTP {code}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return DeliveryResult.Transient(e.Message);
        }
    }
}
