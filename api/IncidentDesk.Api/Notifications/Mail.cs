using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace IncidentDesk.Api.Notifications;

public interface IEmailSender
{
    /// <summary>"smtp host:port" or "pickup folder" (shown on the admin page).</summary>
    string Describe();

    /// <summary>
    /// A connection for one dispatcher worker: it is used by one worker at a time and kept for the worker's life, so
    /// consecutive mails share one SMTP session instead of connecting (TLS, AUTH) once per mail.
    /// </summary>
    IMailConnection Open();
}

public interface IMailConnection : IAsyncDisposable
{
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct);

    /// <summary>The worker has had nothing to send for a while: let go of the server (QUIT) rather than hold a session open.</summary>
    Task IdleAsync(CancellationToken ct);
}

/// <summary>The Smtp:* settings. Keys kept from the System.Net.Mail days: Host, Port, StartTls, User, Password, From, PickupDirectory.</summary>
public sealed record SmtpSettings(
    string? Host, int Port, SecureSocketOptions Security, string? User, string? Password, MailboxAddress From, string PickupDirectory,
    TimeSpan Timeout, TimeSpan NoopAfter, X509Certificate2? TrustedCertificate = null)
{
    public static SmtpSettings Read(IConfiguration config)
    {
        var host = config["Smtp:Host"] is { Length: > 0 } h ? h : null;
        var security = config["Smtp:Security"] is { Length: > 0 } s
            ? s.ToLowerInvariant() switch
            {
                "none" => SecureSocketOptions.None,
                "starttls" => SecureSocketOptions.StartTls,
                "starttlswhenavailable" => SecureSocketOptions.StartTlsWhenAvailable,
                "tls" or "ssl" or "sslonconnect" => SecureSocketOptions.SslOnConnect,
                _ => throw new InvalidOperationException($"Smtp:Security is '{s}': use None, StartTls, StartTlsWhenAvailable or Tls"),
            }
            // Smtp:StartTls (the older key) asks for STARTTLS; neither key means no TLS, as before.
            : config.GetValue("Smtp:StartTls", false) ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        var port = config.GetValue("Smtp:Port", security == SecureSocketOptions.SslOnConnect ? 465 : 25);
        var from = MailboxAddress.Parse(config["Smtp:From"] is { Length: > 0 } f ? f : "IncidentDesk <incidentdesk@localhost>");
        var pickup = Path.GetFullPath(config["Smtp:PickupDirectory"] is { Length: > 0 } p ? p : Path.Combine(".data", "mail-pickup"));
        return new SmtpSettings(host, port, security, config["Smtp:User"] is { Length: > 0 } u ? u : null, config["Smtp:Password"], from,
            pickup, TimeSpan.FromSeconds(config.GetValue("Smtp:TimeoutSeconds", 15.0)),
            TimeSpan.FromSeconds(config.GetValue("Smtp:NoopAfterSeconds", 30.0)),
            config["Smtp:TrustedCertificate"] is { Length: > 0 } pem ? X509Certificate2.CreateFromPem(File.ReadAllText(pem)) : null);
    }

    /// <summary>
    /// TLS: a certificate the system trusts passes; with Smtp:TrustedCertificate (a private CA's or the server's own certificate, PEM)
    /// a chain to that certificate passes too. The host name must match either way.
    /// </summary>
    public bool Accepts(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (TrustedCertificate is null || presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(TrustedCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(leaf);
    }
}

/// <summary>
/// MailKit over SMTP when Smtp:Host is configured (STARTTLS or implicit TLS, AUTH when Smtp:User is set); without a
/// host, MimeKit writes each message as an .eml file into the pickup folder, so nothing is lost and an admin can see
/// what would have been sent.
/// </summary>
public sealed class MailKitEmailSender(IConfiguration config, TimeProvider clock, ILogger<MailKitEmailSender> log) : IEmailSender
{
    private readonly SmtpSettings settings = SmtpSettings.Read(config);

    public string Describe() => settings.Host is { } h ? $"smtp {h}:{settings.Port}" : $"pickup {settings.PickupDirectory}";

    public IMailConnection Open() => settings.Host is null
        ? new PickupFolderConnection(settings, clock)
        : new SmtpConnection(settings, clock, log);
}

/// <summary>The MIME message: UTF-8 text/plain and text/html alternatives, display names and subject RFC 2047-encoded by MimeKit.</summary>
public static partial class MimeMail
{
    public const string NotificationHeader = "X-IncidentDesk-Notification";

    public static MimeMessage Build(OutgoingMessage m, MailboxAddress from, DateTimeOffset now)
    {
        var message = new MimeMessage { Subject = m.Subject, Date = now };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(m.RecipientName, m.Address));
        message.Headers.Add(NotificationHeader, m.NotificationId.ToString());
        message.Body = new BodyBuilder { TextBody = m.Text, HtmlBody = Html(m) }.ToMessageBody();
        // 7-bit transfer encodings (base64 / quoted-printable) for every part: nothing depends on the server's 8BITMIME,
        // and a pickup file is the same bytes an SMTP server would get.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    /// <summary>An address MimeKit cannot take (it was validated when the contact was saved) fails the message for good.</summary>
    public static bool TryBuild(OutgoingMessage m, MailboxAddress from, DateTimeOffset now,
        [NotNullWhen(true)] out MimeMessage? message, [NotNullWhen(false)] out DeliveryResult? refused)
    {
        try
        {
            message = Build(m, from, now);
            refused = null;
            return true;
        }
        catch (Exception e) when (e is ParseException or ArgumentException)
        {
            message = null;
            refused = DeliveryResult.Refused($"the message could not be built for {m.Address}: {e.Message}");
            return false;
        }
    }

    /// <summary>The text as HTML: every line escaped, URLs as links, the acknowledge link as a button-like link of its own.</summary>
    public static string Html(OutgoingMessage m)
    {
        var lang = m.Language == "en" ? "en" : "ja";
        var html = new StringBuilder();
        html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(m.Subject)}</title></head>\n");
        html.Append("<body style=\"font-family: sans-serif; line-height: 1.6\">\n<p>");
        var lines = m.Body.TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                if (i > 0 && lines[i - 1].Length > 0) html.Append("</p>\n<p>");
                continue;
            }
            if (i > 0 && lines[i - 1].Length > 0) html.Append("<br>\n");
            html.Append(Linkify(WebUtility.HtmlEncode(lines[i])));
        }
        html.Append("</p>\n");
        if (m.AckUrl is { } ack)
        {
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(ack)).Append("\" style=\"display: inline-block; padding: 8px 16px; ")
                .Append("background: #1c7ed6; color: #ffffff; text-decoration: none; border-radius: 4px\">")
                .Append(WebUtility.HtmlEncode(m.AckLabel)).Append("</a></p>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    // Applied to HTML-escaped text: an & in a URL is already &amp;, which is also right inside href="...".
    private static string Linkify(string escaped) => Url().Replace(escaped, u => $"<a href=\"{u.Value}\">{u.Value}</a>");

    [GeneratedRegex("https?://[^\\s<>\"]+")]
    private static partial Regex Url();
}

/// <summary>One SMTP session, reused mail after mail; reconnects when the server dropped it, NOOPs first after a quiet spell.</summary>
internal sealed class SmtpConnection(SmtpSettings settings, TimeProvider clock, ILogger log) : IMailConnection
{
    private SmtpClient? client;
    private DateTimeOffset lastUsed;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage m, CancellationToken ct)
    {
        if (!MimeMail.TryBuild(m, settings.From, clock.GetUtcNow(), out var message, out var refused)) return refused;
        // A session kept from earlier mails may have been closed by the server since (idle timeout, restart): that failure
        // says nothing about this mail, so it gets one more try on a fresh session. A fresh session's failure is the answer.
        for (var retryOnFresh = true; ; retryOnFresh = false)
        {
            var reused = false;
            try
            {
                reused = await ConnectAsync(ct);
                await client!.SendAsync(message, ct);
                lastUsed = clock.GetUtcNow();
                return DeliveryResult.Ok(NotificationTransport.Smtp);
            }
            catch (SmtpCommandException e)
            {
                // The server answered (the session stays usable; MailKit reset the transaction): 5xx is for good, 4xx is later.
                lastUsed = clock.GetUtcNow();
                var code = (int)e.StatusCode;
                return code is >= 500 and < 600 ? DeliveryResult.Refused($"{code} {e.Message}") : DeliveryResult.Transient($"{code} {e.Message}");
            }
            catch (AuthenticationException e)
            {
                await DropAsync();
                return DeliveryResult.Refused($"SMTP authentication failed: {e.Message}");
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await DropAsync();
                if (reused && retryOnFresh)
                {
                    log.LogInformation("SMTP session to {Host} was lost ({Error}); reconnecting", settings.Host, e.Message);
                    continue;
                }
                return DeliveryResult.Transient(e is SslHandshakeException ? $"TLS handshake with {settings.Host} failed: {e.Message}" : e.Message);
            }
        }
    }

    /// <summary>Ensures a connected, authenticated session; true when it was kept from earlier mails.</summary>
    private async Task<bool> ConnectAsync(CancellationToken ct)
    {
        if (client is { IsConnected: true } kept)
        {
            if (clock.GetUtcNow() - lastUsed < settings.NoopAfter) return true;
            try
            {
                await kept.NoOpAsync(ct);
                return true;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogInformation("SMTP session to {Host} did not answer NOOP after {Idle}: {Error}; reconnecting", settings.Host,
                    clock.GetUtcNow() - lastUsed, e.Message);
                await DropAsync();
            }
        }
        await DropAsync();
        var fresh = new SmtpClient
        {
            Timeout = (int)settings.Timeout.TotalMilliseconds,
            ServerCertificateValidationCallback = (_, certificate, _, errors) => settings.Accepts(certificate, errors),
        };
        // A private CA's certificates name no revocation service anyone here can reach.
        if (settings.TrustedCertificate is not null) fresh.CheckCertificateRevocation = false;
        client = fresh;
        await fresh.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
        if (settings.User is { } user) await fresh.AuthenticateAsync(user, settings.Password ?? "", ct);
        lastUsed = clock.GetUtcNow();
        return false;
    }

    public async Task IdleAsync(CancellationToken ct)
    {
        if (client is { IsConnected: true } c)
        {
            try
            {
                await c.DisconnectAsync(quit: true, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogDebug("QUIT to {Host} failed: {Error}", settings.Host, e.Message);
            }
        }
        await DropAsync();
    }

    private Task DropAsync()
    {
        client?.Dispose();
        client = null;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await IdleAsync(CancellationToken.None);
}

/// <summary>
/// No SMTP server: MimeKit writes the message to {notification id}.eml in the pickup folder, atomically (a temporary file
/// in the same folder, flushed, then renamed), so a reader of the folder never sees half a message, and a message
/// delivered twice (at least once) is one file.
/// </summary>
internal sealed class PickupFolderConnection(SmtpSettings settings, TimeProvider clock) : IMailConnection
{
    public async Task<DeliveryResult> SendAsync(OutgoingMessage m, CancellationToken ct)
    {
        var dir = settings.PickupDirectory;
        var final = Path.Combine(dir, $"{m.NotificationId:N}.eml");
        var temp = Path.Combine(dir, $".{m.NotificationId:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (!MimeMail.TryBuild(m, settings.From, clock.GetUtcNow(), out var message, out var refused)) return refused;
            Directory.CreateDirectory(dir);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous))
            {
                await message.WriteToAsync(file, ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, final, overwrite: true);
            return DeliveryResult.Ok(NotificationTransport.PickupFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return DeliveryResult.Transient($"pickup folder {dir}: {e.Message}");
        }
    }

    public Task IdleAsync(CancellationToken ct) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
